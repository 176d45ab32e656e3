//! One fuzz target per untrusted input (see each module).

pub mod article;
pub mod engine_run;
pub mod import;
pub mod scenario_json;
pub mod share_code;
pub mod share_link;
pub mod storage;
