//! The `uzpay` binary as a user runs it: exit codes, masked dry runs, the demo, and
//! operator commands against the sandbox.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Output};

const SENTINEL: &str = "SENTINEL-cli-42";

fn uzpay(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_uzpay"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn items_file(discount: u64) -> tempfile_lite::TempFile {
    tempfile_lite::TempFile::new(&format!(
        r#"{{"items":[{{"title":"Tea","price":10000,"discount":{discount},"count":1,"code":"01902001001000000","vat_percent":12,"package_code":"1437667","tin":"310100000"}}]}}"#
    ))
}

/// A file in the target dir that removes itself.
mod tempfile_lite {
    pub struct TempFile(pub std::path::PathBuf);
    impl TempFile {
        pub fn new(content: &str) -> Self {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let path = std::env::temp_dir().join(format!("uzpay-cli-test-{}-{n}.json", std::process::id()));
            let mut f = std::fs::File::create(&path).unwrap();
            super::Write::write_all(&mut f, content.as_bytes()).unwrap();
            TempFile(path)
        }
        pub fn path(&self) -> &str {
            self.0.to_str().unwrap()
        }
    }
    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

#[test]
fn lists_every_operation() {
    let o = uzpay(&["call", "--list"], &[]);
    assert!(o.status.success());
    let (out, _) = text(&o);
    assert_eq!(out.lines().count(), uzpay::OPERATIONS.len());
    assert!(out.contains("paylov.register_receipt"));
}

#[test]
fn dry_run_masks_credentials() {
    let items = items_file(0);
    let o = uzpay(
        &["paylov", "register", "--items", items.path(), "--transaction-id", "t-1", "--dry-run"],
        &[("UZPAY_PAYLOV_API_KEY", SENTINEL)],
    );
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.starts_with("POST https://gw.paylov.uz/merchant/fiscalization/register/"), "{out}");
    assert!(out.contains("api-key: ***"), "{out}");
    assert!(!out.contains(SENTINEL) && !err.contains(SENTINEL));
}

#[test]
fn dry_run_masks_the_card_number() {
    let input =
        r#"{"merchant_id":"m","card":{"pan":"8600000000000007","expiry":"0127"},"external_id":"o","amount":100}"#;
    let o = uzpay(
        &["call", "via.confirm_pay", "--input", input, "--dry-run"],
        &[
            ("UZPAY_VIA_BASE_URL", "https://via.example"),
            ("UZPAY_VIA_CLIENT_ID", "c"),
            ("UZPAY_VIA_CLIENT_SECRET", SENTINEL),
        ],
    );
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("860000******0007"), "{out}");
    assert!(!out.contains("8600000000000007") && !out.contains(SENTINEL), "{out}");
}

#[test]
fn invalid_input_names_the_field_and_exits_3() {
    let items = items_file(10_001);
    let o = uzpay(
        &["paylov", "register", "--items", items.path(), "--transaction-id", "t-1", "--dry-run"],
        &[("UZPAY_PAYLOV_API_KEY", "k")],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(3));
    assert!(err.contains("items[0].discount: must not exceed the price"), "{err}");
    let o = uzpay(&["paylov", "register", "--items", items_file(0).path(), "--transaction-id", "t", "--dry-run"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(text(&o).1.contains("api_key"), "a missing credential names its field");
}

#[test]
fn ofd_parse() {
    let url = "https://ofd.soliq.uz/check?t=UZ170703100597&r=2421&c=20230104121801&s=514343190161";
    let o = uzpay(&["ofd", "parse", url], &[]);
    let (out, _) = text(&o);
    assert!(o.status.success());
    assert!(out.contains("UZ170703100597") && out.contains("2023-01-04T12:18:01"), "{out}");
    let o = uzpay(&["ofd", "parse", &url.replace("20230104", "20230230")], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(text(&o).1.contains("url.c"));
}

#[test]
fn receipt_totals() {
    let o = uzpay(&["receipt", "totals", "--items", items_file(0).path()], &[]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("100.00 UZS") && out.contains("10.71 UZS"), "{out}");
    let o = uzpay(&["receipt", "totals", "--items", items_file(20_000).path()], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(text(&o).1.contains("items[0].discount"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(uzpay(&["call", "paylov.receipt_status", "--input", "{not json"], &[]).status.code(), Some(2));
    assert_eq!(uzpay(&["nonsense"], &[]).status.code(), Some(2));
}

#[test]
fn the_demo_runs_every_flow() {
    let o = uzpay(&["demo"], &[]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("every flow ended as expected"));
    assert!(out.contains("0 duplicates"));
    for provider in ["Paylov", "FiscalBox", "PaymentsGate", "VIA"] {
        assert!(out.contains(&format!("== {provider}")), "{provider}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn operator_commands_against_the_sandbox() {
    let s = uzpay_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let base = s.base_url(uzpay_sandbox::Provider::Paylov);
    let api_key = uzpay_sandbox::PAYLOV_API_KEY;
    // The binary blocks, so it runs off the runtime that serves the sandbox.
    let first = tokio::task::spawn_blocking(move || {
        let items = items_file(0);
        let env = [("UZPAY_PAYLOV_BASE_URL", base.as_str()), ("UZPAY_PAYLOV_API_KEY", api_key)];
        let args = ["paylov", "register", "--items", items.path(), "--transaction-id", "cli-1"];
        (uzpay(&args, &env), uzpay(&args, &env), uzpay(&["paylov", "status", "--transaction-id", "cli-1"], &env))
    })
    .await
    .unwrap();
    let (out, err) = text(&first.0);
    assert!(first.0.status.success(), "{err}");
    assert!(out.contains("\"receipt_url\": \"https://ofd.soliq.uz/check?"), "{out}");
    // The second register is refused by the provider: exit 4 with the code.
    assert_eq!(first.1.status.code(), Some(4));
    assert!(text(&first.1).1.contains("ofd_check_already_generated"));
    assert!(first.2.status.success());
    assert_eq!(s.stats().paylov_receipts, 1);
    s.shutdown().await;
}

#[test]
fn the_sandbox_command_prints_its_port() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_uzpay"))
        .args(["sandbox", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(line.starts_with("uzpay sandbox listening on http://127.0.0.1:"), "{line}");
}
