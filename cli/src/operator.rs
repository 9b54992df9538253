//! Operator commands: one operation against a real (or sandbox) provider, configured
//! from the environment. `--dry-run` prints the request with credentials masked and
//! sends nothing. Errors print the field and the reason and exit non-zero.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{json, Map, Value};
use uzpay::{dispatch, Error, ErrorKind, HttpRequest};
use uzpay_reqwest::{ReqwestTransport, TransportError};

/// Appended to `uzpay --help`.
pub const ENVIRONMENT_HELP: &str = "\
Configuration (environment variables; credentials are never taken as flags):
  UZPAY_FISCALBOX_BASE_URL        default https://api.fiscalbox.uz
  UZPAY_PAYLOV_BASE_URL           default https://gw.paylov.uz
  UZPAY_PAYLOV_API_KEY
  UZPAY_PAYMENTSGATE_BASE_URL
  UZPAY_PAYMENTSGATE_ACCESS_TOKEN
  UZPAY_VIA_BASE_URL
  UZPAY_VIA_CLIENT_ID
  UZPAY_VIA_CLIENT_SECRET
  UZPAY_TIMEOUT_SECONDS           default 30

Exit codes: 0 ok, 2 usage, 3 invalid input, 4 provider error, 5 HTTP error,
6 undecodable answer, 7 no answer (transport).";

/// Options every sending command takes.
#[derive(Args, Clone, Copy)]
pub struct SendOptions {
    /// Print the request (credentials masked) and send nothing.
    #[arg(long)]
    dry_run: bool,
}

/// `uzpay call`.
#[derive(Args)]
pub struct CallArgs {
    /// The operation, e.g. `paylov.register_receipt` (see `uzpay call --list`).
    #[arg(required_unless_present = "list")]
    operation: Option<String>,
    /// The input as JSON text, or `@FILE` to read it from a file.
    #[arg(long, default_value = "{}")]
    input: String,
    /// List the operations.
    #[arg(long)]
    list: bool,
    #[command(flatten)]
    send: SendOptions,
}

/// `uzpay paylov ...`.
#[derive(Subcommand)]
pub enum PaylovCommand {
    /// Register a fiscal receipt (card: --transaction-id; cash: --external-id and --phone).
    Register {
        /// A JSON file holding the receipt items (a list, or `{"items": [...]}`).
        #[arg(long)]
        items: String,
        /// Card payment: Paylov's transaction id.
        #[arg(long, conflicts_with_all = ["external_id", "phone"])]
        transaction_id: Option<String>,
        /// Cash payment: your id for the payment.
        #[arg(long, requires = "phone")]
        external_id: Option<String>,
        /// Cash payment: the buyer's phone, +998 and 9 digits.
        #[arg(long)]
        phone: Option<String>,
        #[command(flatten)]
        send: SendOptions,
    },
    /// Read a payment's receipt back.
    Status {
        /// Card payment: Paylov's transaction id.
        #[arg(long, conflicts_with = "external_id", required_unless_present = "external_id")]
        transaction_id: Option<String>,
        /// Cash payment: your id for the payment.
        #[arg(long)]
        external_id: Option<String>,
        #[command(flatten)]
        send: SendOptions,
    },
    /// Refund a receipt.
    Refund {
        /// The receipt's number.
        #[arg(long)]
        receipt_id: i64,
        #[command(flatten)]
        send: SendOptions,
    },
}

/// `uzpay fiscalbox ...`.
#[derive(Subcommand)]
pub enum FiscalBoxCommand {
    /// Attach an OFD receipt to a Click payment.
    ClickConfirm {
        /// The Click payment's id.
        #[arg(long)]
        payment_id: String,
        /// The OFD receipt URL.
        #[arg(long)]
        qr: String,
        #[command(flatten)]
        send: SendOptions,
    },
    /// Attach an OFD receipt to an Anor payment.
    AnorConfirm {
        /// The Anor transaction's id.
        #[arg(long)]
        transaction_id: String,
        /// The OFD receipt URL.
        #[arg(long)]
        qr: String,
        #[command(flatten)]
        send: SendOptions,
    },
}

/// `uzpay via ...`.
#[derive(Subcommand)]
pub enum ViaCommand {
    /// Confirm a card payment with the SMS code.
    Verify {
        /// The verifyId from the payment's start.
        #[arg(long)]
        verify_id: String,
        /// The SMS code.
        #[arg(long)]
        code: String,
        #[command(flatten)]
        send: SendOptions,
    },
    /// Look a transaction up.
    Transaction {
        /// VIA's transaction id.
        #[arg(long, conflicts_with = "external_id", required_unless_present = "external_id")]
        transaction_id: Option<String>,
        /// Your id for the payment.
        #[arg(long)]
        external_id: Option<String>,
        #[command(flatten)]
        send: SendOptions,
    },
}

/// `uzpay ofd ...`.
#[derive(Subcommand)]
pub enum OfdCommand {
    /// Parse an OFD receipt URL into its parts.
    Parse {
        /// The URL, e.g. https://ofd.soliq.uz/check?t=..&r=..&c=..&s=..
        url: String,
    },
}

/// `uzpay receipt ...`.
#[derive(Subcommand)]
pub enum ReceiptCommand {
    /// Validate receipt items and print each line's total and VAT and the receipt's.
    Totals {
        /// A JSON file holding the items (a list, or `{"items": [...]}`).
        #[arg(long)]
        items: String,
    },
}

pub async fn call(args: CallArgs) -> ExitCode {
    if args.list {
        for op in uzpay::OPERATIONS {
            println!("{op}");
        }
        return ExitCode::SUCCESS;
    }
    let operation = args.operation.unwrap_or_default();
    let input = match read_json_arg(&args.input) {
        Ok(v) => v,
        Err(message) => return usage_error(&message),
    };
    run(&operation, input, args.send).await
}

pub async fn paylov(command: PaylovCommand) -> ExitCode {
    match command {
        PaylovCommand::Register { items, transaction_id, external_id, phone, send } => {
            let items = match read_items(&items) {
                Ok(v) => v,
                Err(message) => return usage_error(&message),
            };
            let mut input = Map::new();
            input.insert("items".into(), items);
            insert_some(&mut input, "transaction_id", transaction_id);
            insert_some(&mut input, "external_id", external_id);
            insert_some(&mut input, "phone_number", phone);
            run("paylov.register_receipt", Value::Object(input), send).await
        }
        PaylovCommand::Status { transaction_id, external_id, send } => {
            let mut input = Map::new();
            insert_some(&mut input, "transaction_id", transaction_id);
            insert_some(&mut input, "external_id", external_id);
            run("paylov.receipt_status", Value::Object(input), send).await
        }
        PaylovCommand::Refund { receipt_id, send } => {
            run("paylov.refund_receipt", json!({ "receipt_id": receipt_id }), send).await
        }
    }
}

pub async fn fiscalbox(command: FiscalBoxCommand) -> ExitCode {
    match command {
        FiscalBoxCommand::ClickConfirm { payment_id, qr, send } => {
            run("fiscalbox.click_confirm", json!({ "payment_id": payment_id, "qr_code": qr }), send).await
        }
        FiscalBoxCommand::AnorConfirm { transaction_id, qr, send } => {
            run("fiscalbox.anor_confirm", json!({ "transaction_id": transaction_id, "qr_code": qr }), send).await
        }
    }
}

pub async fn via(command: ViaCommand) -> ExitCode {
    match command {
        ViaCommand::Verify { verify_id, code, send } => {
            run("via.confirm_pay_verify", json!({ "verify_id": verify_id, "verify_code": code }), send).await
        }
        ViaCommand::Transaction { transaction_id, external_id, send } => {
            let mut input = Map::new();
            insert_some(&mut input, "transaction_id", transaction_id);
            insert_some(&mut input, "external_id", external_id);
            run("via.get_transaction", Value::Object(input), send).await
        }
    }
}

pub fn ofd(command: OfdCommand) -> ExitCode {
    match command {
        OfdCommand::Parse { url } => match uzpay::ofd::OfdReceiptUrl::parse(&url) {
            Ok(r) => {
                println!("kind          {}", r.kind.path().trim_start_matches('/'));
                println!("terminal      {}", r.terminal_id);
                println!("receipt       {}", r.receipt_number);
                println!("issued at     {}", r.date_time.to_iso8601());
                println!("fiscal sign   {}", r.fiscal_sign);
                println!("canonical url {r}");
                ExitCode::SUCCESS
            }
            Err(e) => uzpay_error(&e),
        },
    }
}

pub fn receipt(command: ReceiptCommand) -> ExitCode {
    match command {
        ReceiptCommand::Totals { items } => {
            let items = match read_items(&items) {
                Ok(v) => v,
                Err(message) => return usage_error(&message),
            };
            let parsed = uzpay::json::from_json_value::<Vec<uzpay::receipt::ReceiptItem>>(&items)
                .map_err(|e| match e {
                    Error::InvalidInput { field, message } => Error::invalid_input(format!("items{field}"), message),
                    other => other,
                })
                .and_then(|items| uzpay::receipt::receipt_totals(&items));
            match parsed {
                Ok(t) => {
                    for (i, line) in t.lines.iter().enumerate() {
                        println!("items[{i}]  total {:>14}  VAT {:>12}", som(line.total), som(line.vat));
                    }
                    println!("receipt   total {:>14}  VAT {:>12}", som(t.total), som(t.vat));
                    ExitCode::SUCCESS
                }
                Err(e) => uzpay_error(&e),
            }
        }
    }
}

/// `12345` tiyin -> `123.45 UZS`.
pub fn som(tiyin: u64) -> String {
    format!("{}.{:02} UZS", tiyin / 100, tiyin % 100)
}

/// Builds the operation from the environment's config and `input`; prints it (dry
/// run) or sends it and prints the parsed output.
async fn run(operation: &str, input: Value, options: SendOptions) -> ExitCode {
    let config = config_from_env(operation);
    let request = match dispatch::build(operation, &config, &input) {
        Ok(r) => r,
        Err(e) => return uzpay_error(&e),
    };
    if options.dry_run {
        print_request(&request.redacted());
        return ExitCode::SUCCESS;
    }
    let timeout = std::env::var("UZPAY_TIMEOUT_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    let transport = match ReqwestTransport::new(Duration::from_secs(timeout)) {
        Ok(t) => t,
        Err(e) => return transport_error(&e),
    };
    let response = match transport.send(&request).await {
        Ok(r) => r,
        Err(e) => return transport_error(&e),
    };
    match dispatch::parse(operation, &response) {
        Ok(output) => {
            println!("{}", serde_json::to_string_pretty(&output).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => uzpay_error(&e),
    }
}

/// The provider's config as JSON, from `UZPAY_<PROVIDER>_*` variables.
fn config_from_env(operation: &str) -> Value {
    let provider = operation.split('.').next().unwrap_or_default().to_ascii_uppercase();
    let mut config = Map::new();
    for (key, var) in [
        ("base_url", "BASE_URL"),
        ("api_key", "API_KEY"),
        ("access_token", "ACCESS_TOKEN"),
        ("client_id", "CLIENT_ID"),
        ("client_secret", "CLIENT_SECRET"),
    ] {
        if let Ok(value) = std::env::var(format!("UZPAY_{provider}_{var}")) {
            config.insert(key.to_owned(), Value::String(value));
        }
    }
    Value::Object(config)
}

pub fn print_request(request: &HttpRequest) {
    println!("{} {}", request.method, request.url);
    for h in &request.headers {
        println!("{}: {}", h.name, h.value);
    }
    if let Some(body) = request.body_text().filter(|b| !b.is_empty()) {
        let pretty = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| body.to_owned());
        println!("\n{pretty}");
    }
}

fn read_json_arg(arg: &str) -> Result<Value, String> {
    let text = match arg.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        None => arg.to_owned(),
    };
    serde_json::from_str(&text).map_err(|e| format!("the input is not valid JSON: {e}"))
}

/// A file of items: a list, or an object with `items`.
fn read_items(path: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{path} is not valid JSON: {e}"))?;
    match value {
        Value::Object(mut map) if map.contains_key("items") => Ok(map.remove("items").unwrap_or_default()),
        list @ Value::Array(_) => Ok(list),
        _ => Err(format!("{path} must hold a list of items or {{\"items\": [...]}}")),
    }
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<String>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), Value::String(v));
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Prints an uzpay error with its field, code or status, and exits with its kind's code.
pub fn uzpay_error(e: &Error) -> ExitCode {
    match e {
        Error::InvalidInput { field, message } if !field.is_empty() => {
            eprintln!("error: {field}: {message}")
        }
        Error::Provider(p) => {
            eprintln!("error: {} refused (code {}, HTTP {}): {}", p.provider, p.code, p.status, p.message);
            for (lang, text) in [("uz", &p.messages.uz), ("ru", &p.messages.ru)] {
                if let Some(text) = text {
                    eprintln!("  [{lang}] {text}");
                }
            }
        }
        other => eprintln!("error: {other}"),
    }
    if e.retryable() {
        eprintln!("(the same request may be sent again)");
    }
    ExitCode::from(match e.kind() {
        ErrorKind::InvalidInput => 3,
        ErrorKind::Provider => 4,
        ErrorKind::Http => 5,
        ErrorKind::Decode => 6,
        ErrorKind::Transport => 7,
    })
}

fn transport_error(e: &TransportError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(7)
}
