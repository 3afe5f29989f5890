#![no_main]
// Body: pgdrift::fuzzing::ignore_rule (shared with tests/fuzz_smoke.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| pgdrift::fuzzing::ignore_rule(data));
