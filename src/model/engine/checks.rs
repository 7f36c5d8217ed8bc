use super::*;

impl SiteSim<'_> {
    pub(super) fn check_invariants(&mut self) {
        let mut count = [0u64; N_LOCATIONS];
        let mut pkg = 0u32;
        let mut res = 0u32;
        let mut unmet = 0u64;
        let mut ch_65 = 0u64;
        for p in &self.patients {
            count[p.location as usize] += 1;
            if p.location != Location::Dead as u8 {
                if p.has(PACKAGE) {
                    pkg += 1;
                }
                if p.residence != 0 {
                    res += 1;
                    if p.age >= 3 {
                        ch_65 += 1;
                    }
                }
                if p.has(UNMET) {
                    unmet += 1;
                }
            }
        }
        let day = self.day;
        let mut v = |ok: bool, what: String| {
            if !ok && self.violations.len() < 20 {
                self.violations.push(format!("day {day}: {what}"));
            }
        };
        v(
            count == self.counts.loc_count,
            format!(
                "location counts {count:?} != kept {:?}",
                self.counts.loc_count
            ),
        );
        v(
            count.iter().sum::<u64>() == self.patients.len() as u64,
            "a patient is in no location".into(),
        );
        v(
            pkg == self.services.packages.in_use,
            format!("packages {pkg} != in use {}", self.services.packages.in_use),
        );
        v(
            res == self.services.care_homes.in_use,
            format!(
                "care-home residents {res} != beds in use {}",
                self.services.care_homes.in_use
            ),
        );
        v(
            ch_65 == self.counts.ch_65,
            format!(
                "care-home residents 65+ {ch_65} != kept {}",
                self.counts.ch_65
            ),
        );
        v(
            unmet == self.counts.unmet_alive,
            format!("unmet {unmet} != kept {}", self.counts.unmet_alive),
        );
        v(
            self.services.packages.in_use <= self.services.packages.capacity,
            "packages over capacity".into(),
        );
        v(
            self.services.ic.in_use <= self.services.ic.capacity,
            "intermediate care over capacity".into(),
        );
        v(
            self.services.care_homes.in_use <= self.services.care_homes.capacity,
            "care homes over capacity".into(),
        );
        let delayed = self.counts.loc_count[Location::DelayedAssessment as usize]
            + self.counts.loc_count[Location::DelayedWaiting as usize];
        v(
            self.counts.delayed_by_cause.iter().sum::<u64>() == delayed,
            "delay causes do not add up".into(),
        );
    }
}
