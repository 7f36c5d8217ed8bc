//! Randomness: a seed tree mixed by a fixed function, and keyed SplitMix64
//! streams drawn per (site, process, patient, event).
//!
//! Every random draw in carescale is a pure function of
//! `(root seed, crn key, replicate, site, stream, patient, patient event number)`.
//! Nothing depends on thread scheduling, and replicate *r* of two scenarios
//! sees the same draws for a patient as long as that patient's history
//! agrees: common random numbers hold patient by patient, not just stream by
//! stream.
//!
//! The generator is SplitMix64 (Steele, Lea & Flood 2014): a 64-bit counter
//! advanced by the golden-ratio increment and finalised by a fixed 64-bit
//! mixer. It is portable and fully specified here, so results never change
//! with a dependency upgrade. The name recorded in every manifest is
//! [`RNG_NAME`].

use rand::rand_core::{Infallible, TryRng};

/// Name of the generator and keying scheme, written to every manifest.
pub const RNG_NAME: &str =
    "SplitMix64, keyed by seed tree (root, crn_key, replicate, site, stream, patient, event)";

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 finaliser (Stafford's variant 13).
#[inline(always)]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Combine a parent key with a child label: the fixed function of the seed tree.
#[inline(always)]
pub fn child(parent: u64, label: u64) -> u64 {
    mix64(parent ^ mix64(label.wrapping_add(GOLDEN)))
}

/// Hash a stream name into a label, so streams are named, not numbered.
pub const fn name_label(name: &str) -> u64 {
    // FNV-1a 64, evaluated at compile time for the named streams below.
    let bytes = name.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The named random streams, one per process. Adding a draw to one process
/// never shifts the numbers another process sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Initial population: age, frailty, residence, personal risk.
    Population,
    /// Timing and choice of a patient's next event (competing risks).
    Events,
    /// Routing of a crisis and what happens in A&E.
    Routing,
    /// Admission: zero-day, length of stay, in-hospital death.
    Stay,
    /// Discharge destination, assessment and hand-off delays.
    Discharge,
    /// Arrivals of new people (births, migration) at a site.
    Arrivals,
    /// Site implementation dynamics (rollout).
    Rollout,
    /// Condition class of a crisis (potentially avoidable or not).
    Condition,
}

/// Number of named streams.
pub const N_STREAMS: usize = 8;

impl Stream {
    /// Every stream, in declaration order (`stream as usize` indexes it).
    pub const ALL: [Stream; N_STREAMS] = [
        Stream::Population,
        Stream::Events,
        Stream::Routing,
        Stream::Stay,
        Stream::Discharge,
        Stream::Arrivals,
        Stream::Rollout,
        Stream::Condition,
    ];

    /// The stream's label in the seed tree (hashed at compile time).
    pub const fn label(self) -> u64 {
        const LABELS: [u64; N_STREAMS] = [
            name_label("population"),
            name_label("events"),
            name_label("routing"),
            name_label("stay"),
            name_label("discharge"),
            name_label("arrivals"),
            name_label("rollout"),
            name_label("condition"),
        ];
        LABELS[self as usize]
    }
}

/// Seed tree node for one site of one replicate: the key every stream of that
/// site derives from.
#[derive(Clone, Copy, Debug)]
pub struct SiteKey(pub u64);

impl SiteKey {
    /// root seed → crn key → replicate → site. The site is identified by its
    /// name, so adding or reordering sites never changes another site's draws.
    pub fn new(root_seed: u64, crn_key: u64, replicate: u32, site_name: &str) -> Self {
        let k = child(root_seed, crn_key);
        let k = child(k, replicate as u64);
        SiteKey(child(k, name_label(site_name)))
    }

    /// A generator for one patient's `event`-th event on `stream`.
    #[inline(always)]
    pub fn patient(self, stream: Stream, patient: u32, event: u32) -> SplitMix64 {
        let k = child(self.0, stream.label());
        SplitMix64::new(child(k, ((patient as u64) << 32) | event as u64))
    }

    /// A generator for a site-level process (arrivals, rollout) at `counter`.
    pub fn site_stream(self, stream: Stream, counter: u64) -> SplitMix64 {
        SplitMix64::new(child(child(self.0, stream.label()), counter))
    }
}

/// The generator of a place's random effect in one replicate: root seed →
/// crn key → replicate → the named stream `place_effect` → the place's code.
/// Keyed by the place, not the site, so every site on the same place (a
/// vanguard and the rest of its CCG) shares the place's effect, and adding
/// or renaming sites changes no place's draw.
pub fn place_stream(root_seed: u64, crn_key: u64, replicate: u32, code: &str) -> SplitMix64 {
    let k = child(root_seed, crn_key);
    let k = child(k, replicate as u64);
    let k = child(k, name_label("place_effect"));
    SplitMix64::new(child(k, name_label(code)))
}

/// A site's stream nodes of the seed tree, derived once. Gives exactly the
/// generators of [`SiteKey::patient`] and [`SiteKey::site_stream`] without
/// deriving the stream node again for every event.
#[derive(Clone, Copy, Debug)]
pub struct SiteStreams([u64; N_STREAMS]);

impl SiteStreams {
    /// The stream nodes under site key `key`.
    pub fn new(key: SiteKey) -> Self {
        SiteStreams(Stream::ALL.map(|s| child(key.0, s.label())))
    }

    /// Same as [`SiteKey::patient`].
    #[inline(always)]
    pub fn patient(&self, stream: Stream, patient: u32, event: u32) -> SplitMix64 {
        SplitMix64::new(child(
            self.0[stream as usize],
            ((patient as u64) << 32) | event as u64,
        ))
    }

    /// Same as [`SiteKey::site_stream`].
    #[inline(always)]
    pub fn site_stream(&self, stream: Stream, counter: u64) -> SplitMix64 {
        SplitMix64::new(child(self.0[stream as usize], counter))
    }
}

/// SplitMix64 generator.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose first output is a function of `seed` alone.
    #[inline(always)]
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// Next 64 random bits.
    #[inline(always)]
    pub fn next_bits(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix64(self.state)
    }

    /// Uniform on the open interval (0, 1): never exactly 0 or 1, so it is
    /// safe under `ln`. The 53 bits are converted as a signed integer (one
    /// instruction on x86-64, where an unsigned 64-bit conversion takes a
    /// dozen): below 2^53 both conversions are exact, so the value is the same.
    #[inline(always)]
    pub fn uniform(&mut self) -> f64 {
        ((self.next_bits() >> 11) as i64 as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    #[inline(always)]
    pub fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Exponential with mean 1.
    #[inline(always)]
    pub fn exp1(&mut self) -> f64 {
        -self.uniform().ln()
    }

    /// Standard normal by Box–Muller (one of the pair is used, so the number
    /// of draws per call is fixed at two).
    #[inline(always)]
    pub fn normal(&mut self) -> f64 {
        let u1 = self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Index drawn with probability proportional to `weights`. The weights
    /// must be non-negative with a positive, finite total (checked in debug
    /// builds: a zero or NaN total would silently give the last index).
    /// Falls back to the last index only on rounding.
    #[inline(always)]
    pub fn choose(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        self.choose_summed(weights, total)
    }

    /// [`SplitMix64::choose`] for a caller that has already summed the
    /// weights: `total` must be `weights.iter().sum()` (the same fold, so
    /// the same value and the same draw).
    #[inline(always)]
    pub fn choose_summed(&mut self, weights: &[f64], total: f64) -> usize {
        debug_assert_eq!(
            total.to_bits(),
            weights.iter().sum::<f64>().to_bits(),
            "the total of the weights"
        );
        debug_assert!(
            total > 0.0 && total.is_finite() && weights.iter().all(|w| *w >= 0.0),
            "categorical draw needs non-negative weights with a positive finite total: {weights:?}"
        );
        let mut x = self.uniform() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= *w;
        }
        weights.len() - 1
    }
}

impl TryRng for SplitMix64 {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok((self.next_bits() >> 32) as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.next_bits())
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let v = self.next_bits().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_reference_values() {
        // Reference outputs of SplitMix64 seeded with 1234567 (from the
        // published C reference implementation).
        let mut g = SplitMix64::new(1234567);
        assert_eq!(g.next_bits(), 6457827717110365317);
        assert_eq!(g.next_bits(), 3203168211198807973);
        assert_eq!(g.next_bits(), 9817491932198370423);
    }

    #[test]
    fn streams_are_distinct_and_repeatable() {
        let k = SiteKey::new(1, 0, 0, "north");
        let a = k.patient(Stream::Events, 5, 0).next_bits();
        let b = k.patient(Stream::Routing, 5, 0).next_bits();
        let c = k.patient(Stream::Events, 5, 1).next_bits();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            a,
            SiteKey::new(1, 0, 0, "north")
                .patient(Stream::Events, 5, 0)
                .next_bits()
        );
        assert_ne!(
            a,
            SiteKey::new(1, 0, 1, "north")
                .patient(Stream::Events, 5, 0)
                .next_bits()
        );
        assert_ne!(
            a,
            SiteKey::new(1, 1, 0, "north")
                .patient(Stream::Events, 5, 0)
                .next_bits()
        );
    }

    #[test]
    fn uniform_mean_and_variance_are_right() {
        // 10^6 draws: the SE of the mean is 0.000289; 6 SE is far in the tail.
        let mut g = SplitMix64::new(42);
        let n = 1_000_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let u = g.uniform();
            assert!(u > 0.0 && u < 1.0);
            s += u;
            s2 += u * u;
        }
        let mean = s / n as f64;
        let var = s2 / n as f64 - mean * mean;
        assert!((mean - 0.5).abs() < 6.0 * 0.000289, "mean {mean}");
        assert!((var - 1.0 / 12.0).abs() < 0.001, "var {var}");
    }

    #[test]
    fn works_with_rand_distr() {
        use rand_distr::{Distribution, Gamma};
        let mut g = SplitMix64::new(7);
        let d = Gamma::new(2.0, 3.0).unwrap();
        let n = 200_000;
        let m: f64 = (0..n).map(|_| d.sample(&mut g)).sum::<f64>() / n as f64;
        // mean 6, sd 4.24, SE 0.0095: 6 SE = 0.057.
        assert!((m - 6.0).abs() < 0.06, "{m}");
    }

    #[test]
    fn site_streams_give_the_site_key_generators() {
        let key = SiteKey::new(1, 2, 3, "site");
        let streams = SiteStreams::new(key);
        for (k, &s) in Stream::ALL.iter().enumerate() {
            assert_eq!(s as usize, k);
            for (p, e) in [(0, 0), (7, 1), (123_456, u32::MAX)] {
                let (mut a, mut b) = (key.patient(s, p, e), streams.patient(s, p, e));
                assert_eq!(a.next_bits(), b.next_bits());
            }
            let (mut a, mut b) = (key.site_stream(s, 99), streams.site_stream(s, 99));
            assert_eq!(a.next_bits(), b.next_bits());
        }
        // Labels are distinct.
        let mut labels: Vec<u64> = Stream::ALL.iter().map(|s| s.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), N_STREAMS);
    }
}
