//! `uzpay`: the demo against the embedded sandbox, the sandbox itself, and operator
//! commands for real use against a configured provider.
//!
//! Credentials come from environment variables only (never flags, which end up in
//! shell history and process lists): see `uzpay --help`.

mod demo;
mod operator;
mod soak;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// uzpay: payments and fiscalization for Uzbekistan (FiscalBox, Paylov, PaymentsGate, VIA).
#[derive(Parser)]
#[command(name = "uzpay", version, after_help = operator::ENVIRONMENT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the sandbox in-process and run every flow of all four providers against it.
    Demo,
    /// Run many complete flows concurrently against the in-process sandbox with random
    /// faults (and, if asked, restarts of the driver from the flows' snapshots), and
    /// check that no receipt or payment was lost or doubled.
    Soak(soak::SoakArgs),
    /// Serve the provider sandbox on 127.0.0.1 for other programs.
    Sandbox {
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// Call any operation by name with a JSON input (e.g. `paylov.receipt_status`).
    Call(operator::CallArgs),
    /// Paylov fiscalization.
    #[command(subcommand)]
    Paylov(operator::PaylovCommand),
    /// FiscalBox.
    #[command(subcommand)]
    Fiscalbox(operator::FiscalBoxCommand),
    /// VIA card payments.
    #[command(subcommand)]
    Via(operator::ViaCommand),
    /// OFD receipt URLs.
    #[command(subcommand)]
    Ofd(operator::OfdCommand),
    /// Receipt arithmetic.
    #[command(subcommand)]
    Receipt(operator::ReceiptCommand),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Demo => demo::run().await,
        Command::Soak(args) => soak::run(args).await,
        Command::Sandbox { port } => serve_sandbox(port).await,
        Command::Call(args) => operator::call(args).await,
        Command::Paylov(c) => operator::paylov(c).await,
        Command::Fiscalbox(c) => operator::fiscalbox(c).await,
        Command::Via(c) => operator::via(c).await,
        Command::Ofd(c) => operator::ofd(c),
        Command::Receipt(c) => operator::receipt(c),
    }
}

async fn serve_sandbox(port: u16) -> ExitCode {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let handle = match uzpay_sandbox::start(addr).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: the sandbox could not start on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("uzpay sandbox listening on http://{}", handle.addr());
    for p in [
        uzpay_sandbox::Provider::FiscalBox,
        uzpay_sandbox::Provider::Paylov,
        uzpay_sandbox::Provider::PaymentsGate,
        uzpay_sandbox::Provider::Via,
    ] {
        println!("  {:<13} {}", format!("{p:?}"), handle.base_url(p));
    }
    println!("Ctrl-C stops it.");
    let _ = tokio::signal::ctrl_c().await;
    handle.shutdown().await;
    ExitCode::SUCCESS
}
