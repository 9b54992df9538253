//! The core's flows for JavaScript (`js/flows.js` holds one per flow object): one
//! class over every flow of `uzpay::flow`, driven one event at a time.

use uzpay::flow::{Action, FlowKind, FlowVisitor, TransportFailure};
use uzpay::json::from_json_str;
use uzpay::{Error, HttpResponse};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::{error, headers_of, output_json, text, to_parts, unknown};

/// A flow of the core (`uzpay::flow`), driven one event at a time. Each event gives
/// the flow's next action as strings: `["send", step JSON, ...request parts]` (the
/// parts as [`build`] gives them), `["await_verify_code", JSON]` or `["done", outcome
/// JSON]`, JSON canonical (whole numbers beyond 2^53 as text); or throws the core's
/// error record. JavaScript's flow classes (`js/flows.js`) hold one each.
#[wasm_bindgen]
pub struct Flow(Box<dyn Driven>);

/// One event of a flow of any kind.
enum Event<'a> {
    Start,
    Resume,
    Response(HttpResponse),
    Lost(TransportFailure),
    Code(&'a str),
    Resend,
}

trait Driven {
    fn event(&mut self, event: Event<'_>) -> uzpay::Result<Vec<String>>;
    fn snapshot(&self) -> String;
    fn state(&self) -> &'static str;
}

impl<F: FlowKind> Driven for F {
    fn event(&mut self, event: Event<'_>) -> uzpay::Result<Vec<String>> {
        let action = match event {
            Event::Start => self.start(),
            Event::Resume => self.resume(),
            Event::Response(response) => self.on_response(&response),
            Event::Lost(failure) => self.on_transport_failure(failure),
            Event::Code(code) => self.provide_verify_code(code),
            Event::Resend => self.resend_code(),
        }?;
        Ok(match action {
            Action::Send(step) => {
                let json = output_json(&step)?;
                [vec!["send".to_owned(), json], to_parts(step.request)].concat()
            }
            Action::AwaitVerifyCode(ask) => vec!["await_verify_code".to_owned(), output_json(&ask)?],
            Action::Done(outcome) => vec!["done".to_owned(), output_json(&outcome)?],
        })
    }

    fn snapshot(&self) -> String {
        uzpay::flow::Flow::snapshot(self)
    }

    fn state(&self) -> &'static str {
        uzpay::flow::Flow::state(self).as_str()
    }
}

#[wasm_bindgen]
impl Flow {
    /// The flow `name` from the canonical JSON text of its config, input and options.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, config: &[u8], input: &[u8], options: &[u8]) -> Result<Flow, String> {
        struct Create<'a>(&'a str, &'a str, &'a str);
        impl FlowVisitor for Create<'_> {
            type Output = uzpay::Result<Box<dyn Driven>>;
            fn visit<F: FlowKind>(self) -> Self::Output {
                let (config, input, options) = (from_json_str(self.0)?, from_json_str(self.1)?, from_json_str(self.2)?);
                Ok(Box::new(F::create(config, input, options)?))
            }
        }
        let create = Create(text(config, "config")?, text(input, "input")?, text(options, "options")?);
        let flow = uzpay::flow::visit(name, create).unwrap_or_else(|| Err(unknown("flow", name)));
        flow.map(Flow).map_err(|e| error(&e))
    }

    /// The flow `name` saved in `snapshot`, with its config (and, for a payin, the
    /// account's credentials, or `null`) as canonical JSON text.
    pub fn restore(name: &str, config: &[u8], snapshot: &str, credentials: &[u8]) -> Result<Flow, String> {
        struct Restore<'a>(&'a str, &'a str, &'a str);
        impl FlowVisitor for Restore<'_> {
            type Output = uzpay::Result<Box<dyn Driven>>;
            fn visit<F: FlowKind>(self) -> Self::Output {
                Ok(Box::new(F::restore(from_json_str(self.0)?, self.1, from_json_str(self.2)?)?))
            }
        }
        let restore = Restore(text(config, "config")?, snapshot, text(credentials, "credentials")?);
        let flow = uzpay::flow::visit(name, restore).unwrap_or_else(|| Err(unknown("flow", name)));
        flow.map(Flow).map_err(|e| error(&e))
    }

    /// The first action.
    pub fn start(&mut self) -> Result<Vec<String>, String> {
        self.0.event(Event::Start).map_err(|e| error(&e))
    }

    /// The next action of a restored flow.
    pub fn resume(&mut self) -> Result<Vec<String>, String> {
        self.0.event(Event::Resume).map_err(|e| error(&e))
    }

    /// The answer to the last step (as [`parse`] takes one).
    #[wasm_bindgen(js_name = onResponse)]
    pub fn on_response(&mut self, status: u16, headers: &str, body: &[u8]) -> Result<Vec<String>, String> {
        let mut response = HttpResponse::new(status, body.to_vec());
        response.headers = headers_of(headers).map_err(|e| error(&e))?;
        self.0.event(Event::Response(response)).map_err(|e| error(&e))
    }

    /// The last step got no answer: `not_sent` or `maybe_sent`.
    #[wasm_bindgen(js_name = onTransportFailure)]
    pub fn on_transport_failure(&mut self, failure: &str) -> Result<Vec<String>, String> {
        let failure = TransportFailure::from_name(failure)
            .ok_or_else(|| error(&Error::invalid_input("failure", "must be \"not_sent\" or \"maybe_sent\"")))?;
        self.0.event(Event::Lost(failure)).map_err(|e| error(&e))
    }

    /// The card holder's SMS code.
    #[wasm_bindgen(js_name = provideVerifyCode)]
    pub fn provide_verify_code(&mut self, code: &str) -> Result<Vec<String>, String> {
        self.0.event(Event::Code(code)).map_err(|e| error(&e))
    }

    /// A new SMS code for the card holder.
    #[wasm_bindgen(js_name = resendCode)]
    pub fn resend_code(&mut self) -> Result<Vec<String>, String> {
        self.0.event(Event::Resend).map_err(|e| error(&e))
    }

    /// The flow as text to store (no credential, card number or code in it).
    pub fn snapshot(&self) -> String {
        self.0.snapshot()
    }

    /// Where the flow stands: `ready`, `sending`, `awaiting_code`, `done`, `failed`.
    pub fn state(&self) -> String {
        self.0.state().to_owned()
    }
}
