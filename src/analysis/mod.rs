//! What is done with results: paired comparisons ([`compare`]), growth
//! between periods ([`growth`]), calibration against published targets
//! ([`calibrate`]), calibration by history matching ([`fit`]), health economics ([`economics`]), plots ([`plot`]), the
//! HTML [`report`], reporting-standard descriptions ([`describe`]) and the
//! parameter and output dictionaries ([`dictionary`]); places against their
//! own data ([`place_fit`]).

pub mod calibrate;
pub mod compare;
pub mod describe;
pub mod dictionary;
pub mod drivers;
pub mod economics;
pub mod fit;
pub mod growth;
pub mod place_fit;
pub mod plot;
pub mod report;
