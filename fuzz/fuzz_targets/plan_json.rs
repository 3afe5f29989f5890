#![no_main]
// Body: pgdrift::fuzzing::plan_json (shared with tests/fuzz_smoke.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| pgdrift::fuzzing::plan_json(data));
