//! The eight coordination levers. Their order is written once, in the
//! `levers!` table below: it fixes the enum, [`Lever::ALL`], the key names
//! and the layout of every [`Levers`] array (strengths, fidelity, rollout
//! state), so nothing else spells out positions.

use std::ops::{Index, IndexMut};

macro_rules! levers {
    ($( $variant:ident $key:literal $doc:literal; )*) => {
        /// A coordination lever.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum Lever {
            $( #[doc = $doc] $variant, )*
        }

        impl Lever {
            /// Every lever, in order.
            pub const ALL: [Lever; Lever::COUNT] = [ $( Lever::$variant, )* ];

            /// The lever's key: its name in scenario files (`sites[].levers.<key>`)
            /// and in metric names (`fidelity_<key>`).
            pub const fn key(self) -> &'static str {
                match self {
                    $( Lever::$variant => $key, )*
                }
            }
        }
    };
}

levers! {
    SharedCareRecord "shared_care_record" "Shared care record across organisations.";
    CareCoordinator "care_coordinator" "Named care coordinator for the target segment.";
    CaseManagement "case_management" "Risk stratification and MDT case management.";
    UrgentCommunityResponse "urgent_community_response" "Urgent community response and step-up capacity.";
    DischargeToAssess "discharge_to_assess" "Discharge to assess / trusted assessor.";
    EnhancedCareHomeSupport "enhanced_care_home_support" "Enhanced health in care homes.";
    UecTriage "uec_triage" "UEC clinical triage behind NHS 111.";
    AcuteCollaboration "acute_collaboration" "Acute care collaboration (shared standards).";
}

impl Lever {
    /// Number of levers.
    pub const COUNT: usize = 8;

    /// Position of the lever in [`Lever::ALL`] and in every [`Levers`] array.
    #[inline(always)]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The lever with key `key`, if any.
    pub fn from_key(key: &str) -> Option<Lever> {
        Lever::ALL.into_iter().find(|l| l.key() == key)
    }
}

impl std::fmt::Display for Lever {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// One value per lever, indexed by [`Lever`].
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Levers<T>(pub [T; Lever::COUNT]);

impl<T: Copy> Levers<T> {
    /// Every lever at `v`.
    pub const fn splat(v: T) -> Levers<T> {
        Levers([v; Lever::COUNT])
    }
}

impl<T> Levers<T> {
    /// The value of each lever from `f`.
    pub fn from_fn(mut f: impl FnMut(Lever) -> T) -> Levers<T> {
        Levers(Lever::ALL.map(&mut f))
    }

    /// The values in lever order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The values in lever order, mutable.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }

    /// (lever, value) pairs in lever order.
    pub fn each(&self) -> impl Iterator<Item = (Lever, &T)> {
        Lever::ALL.into_iter().zip(self.0.iter())
    }
}

impl<T> Index<Lever> for Levers<T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, l: Lever) -> &T {
        &self.0[l.index()]
    }
}

impl<T> IndexMut<Lever> for Levers<T> {
    #[inline(always)]
    fn index_mut(&mut self, l: Lever) -> &mut T {
        &mut self.0[l.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_index_order_and_keys_are_unique() {
        for (i, l) in Lever::ALL.into_iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(Lever::from_key(l.key()), Some(l));
        }
        let keys: std::collections::BTreeSet<_> = Lever::ALL.iter().map(|l| l.key()).collect();
        assert_eq!(keys.len(), Lever::COUNT);
    }

    #[test]
    fn levers_index_by_lever() {
        let mut v = Levers::splat(0.0);
        v[Lever::UecTriage] = 2.0;
        assert_eq!(v.0[6], 2.0);
        let w = Levers::from_fn(|l| l.index());
        assert_eq!(w[Lever::AcuteCollaboration], 7);
    }
}
