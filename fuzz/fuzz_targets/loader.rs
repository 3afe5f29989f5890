#![no_main]
// Body: pgdrift::fuzzing::loader (shared with tests/fuzz_smoke.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| pgdrift::fuzzing::loader(data));
