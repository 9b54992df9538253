fn main() {
    println!("{}", serde_json::to_string_pretty(&uzpay::describe::surface()).unwrap_or_default());
}
