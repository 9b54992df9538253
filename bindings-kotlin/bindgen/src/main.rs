//! `uniffi-bindgen` for this workspace: the same uniffi version as `uzpay-kotlin`, so
//! the generated Kotlin always matches the library's scaffolding.

fn main() {
    uniffi::uniffi_bindgen_main()
}
