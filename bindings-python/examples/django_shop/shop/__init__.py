"""A minimal Django shop that registers Paylov receipts and confirms VIA card payments
with uzpay."""
