//! A patient is an index into a flat vector of compact records (24 bytes):
//! one cache line holds everything an event needs.

/// Where a patient is today. Every patient is in exactly one location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Location {
    /// At their usual residence (own home, with or without a care package,
    /// or their care home).
    Home = 0,
    /// In an acute bed, not yet medically fit.
    Acute = 1,
    /// Medically fit, in an acute bed, waiting for an assessment.
    DelayedAssessment = 2,
    /// Medically fit and assessed, in an acute bed, waiting for a place.
    DelayedWaiting = 3,
    /// In intermediate care (step-down).
    IntermediateCare = 4,
    /// Dead.
    Dead = 5,
}

/// Number of locations.
pub const N_LOCATIONS: usize = 6;

/// Usual residence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Residence {
    /// Own home.
    Community = 0,
    /// Residential care home.
    Residential = 1,
    /// Nursing home.
    Nursing = 2,
}

/// Onward care a discharge needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Onward {
    /// None: home.
    Home = 0,
    /// A home-care package (social care).
    Package = 1,
    /// Intermediate care (NHS).
    IntermediateCare = 2,
    /// A care-home place (social care; assessed jointly).
    CareHome = 3,
}

impl Onward {
    /// From its number.
    pub fn from_u8(v: u8) -> Onward {
        match v {
            1 => Onward::Package,
            2 => Onward::IntermediateCare,
            3 => Onward::CareHome,
            _ => Onward::Home,
        }
    }
}

/// Who a delayed transfer of care is attributed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum DelayCause {
    /// The NHS (e.g. waiting for intermediate care).
    Nhs = 0,
    /// Social care (e.g. waiting for a home-care package).
    SocialCare = 1,
    /// Both (e.g. a joint assessment for a care home).
    Both = 2,
}

impl DelayCause {
    /// Number of causes.
    pub const COUNT: usize = 3;
    /// Every cause, in order.
    pub const ALL: [DelayCause; DelayCause::COUNT] =
        [DelayCause::Nhs, DelayCause::SocialCare, DelayCause::Both];

    /// The cause of a delay waiting for an assessment for `onward` care.
    pub fn of_assessment(onward: Onward) -> DelayCause {
        match onward {
            Onward::IntermediateCare => DelayCause::Nhs,
            Onward::Package => DelayCause::SocialCare,
            Onward::CareHome | Onward::Home => DelayCause::Both,
        }
    }

    /// The cause of a delay waiting, once assessed, for a place in `onward` care.
    pub fn of_waiting(onward: Onward) -> DelayCause {
        match onward {
            Onward::IntermediateCare => DelayCause::Nhs,
            Onward::Package | Onward::CareHome | Onward::Home => DelayCause::SocialCare,
        }
    }
}

/// Flag: two or more long-term conditions.
pub const MULTIMORBID: u8 = 1;
/// Flag: open unmet need (fell through a gap).
pub const UNMET: u8 = 2;
/// Flag: follow-up after the last discharge was lost at the hand-off.
pub const MISSED_FOLLOW_UP: u8 = 4;
/// Flag: this overnight stay ends in death.
pub const DIES_IN_STAY: u8 = 8;
/// Flag: has a home-care package.
pub const PACKAGE: u8 = 16;
/// Flag: the pending event is a review (a rate changes), not a sampled event.
pub const REVIEW: u8 = 32;
/// Flag: counted in the cost-concentration window.
pub const IN_WINDOW: u8 = 64;

/// No day recorded.
pub const NO_DAY: u16 = u16::MAX;

/// One patient.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub struct Patient {
    /// Personal risk multiplier (lognormal, mean 1).
    pub risk: f32,
    /// Events processed so far; an entry in the calendar is valid only if it
    /// carries the current stamp. Also numbers the patient's random draws.
    pub stamp: u32,
    /// NHS cost in the cost-concentration window (GBP).
    pub window_cost: f32,
    /// Day the current hospital stay began.
    pub since: u16,
    /// Day of the last live discharge, or [`NO_DAY`].
    pub discharged: u16,
    /// Age band index (see `params::AGE_BANDS`).
    pub age: u8,
    /// eFI category 0..=3.
    pub frailty: u8,
    /// [`Residence`] as u8.
    pub residence: u8,
    /// [`Location`] as u8.
    pub location: u8,
    /// Flag bits.
    pub flags: u8,
    /// Pending onward destination while in hospital or intermediate care.
    pub onward: Onward,
    /// Cause of the current delayed transfer, if delayed (kept in what was
    /// padding: the record stays 24 bytes).
    pub delay: Option<DelayCause>,
}

impl Patient {
    /// Current location.
    #[inline(always)]
    pub fn loc(&self) -> Location {
        match self.location {
            0 => Location::Home,
            1 => Location::Acute,
            2 => Location::DelayedAssessment,
            3 => Location::DelayedWaiting,
            4 => Location::IntermediateCare,
            _ => Location::Dead,
        }
    }
    /// Usual residence.
    #[inline(always)]
    pub fn res(&self) -> Residence {
        match self.residence {
            1 => Residence::Residential,
            2 => Residence::Nursing,
            _ => Residence::Community,
        }
    }
    /// Flag test.
    #[inline(always)]
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn patient_is_compact() {
        assert_eq!(std::mem::size_of::<super::Patient>(), 24);
        assert_eq!(std::mem::size_of::<Option<super::DelayCause>>(), 1);
    }
}
