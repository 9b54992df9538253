//! `uzpay-sandbox [--port N]`: serves the provider sandbox on 127.0.0.1 until Ctrl-C.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use uzpay_sandbox::Provider;

const USAGE: &str = "usage: uzpay-sandbox [--port N]   (default port 0: a random free port)";

#[tokio::main]
async fn main() -> ExitCode {
    let port = match parse_port(std::env::args().skip(1)) {
        Ok(Some(port)) => port,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("uzpay-sandbox: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match uzpay_sandbox::start(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("uzpay-sandbox: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The first line is for scripts that wait for the port; the rest is for people.
    println!("uzpay sandbox listening on http://{}", sandbox.addr());
    for provider in [Provider::FiscalBox, Provider::Paylov, Provider::PaymentsGate, Provider::Via] {
        eprintln!("  {provider:?}: {}", sandbox.base_url(provider));
    }
    eprintln!("  stats: http://{}/_sandbox/stats", sandbox.addr());
    eprintln!("Ctrl-C to stop.");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("uzpay-sandbox: cannot wait for Ctrl-C ({e}); stopping");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// The port from `--port N` / `--port=N` (0 without it), or `None` for `--help`.
fn parse_port(mut args: impl Iterator<Item = String>) -> Result<Option<u16>, String> {
    let mut port = 0;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => args.next().ok_or("--port needs a value")?,
            other => match other.strip_prefix("--port=") {
                Some(value) => value.to_owned(),
                None => return Err(format!("unknown argument {other:?}")),
            },
        };
        port = value.parse().map_err(|_| format!("--port wants a number from 0 to 65535, not {value:?}"))?;
    }
    Ok(Some(port))
}
