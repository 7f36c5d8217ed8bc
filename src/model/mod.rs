//! The model: one site of one replicate, patient by patient. The engine
//! moves a synthetic population (drawn by [`population`], stored as compact
//! [`patient`] records) through services event by event, using the
//! [`event_calendar`], random streams from the seed tree ([`rng`]) and lever
//! strengths over time from [`rollout`]; it adds to the monthly
//! accumulators named in [`metrics`].

pub mod caremix;
pub mod demography;
pub mod engine;
pub mod event_calendar;
pub mod metrics;
pub mod patient;
pub mod place;
pub mod population;
pub mod rng;
pub mod rollout;
