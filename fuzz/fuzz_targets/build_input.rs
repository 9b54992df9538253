#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| uzpay_fuzz_targets::build_input(data));
