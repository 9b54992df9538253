"""An example Django shop that takes VIA card payments (card, SMS code) and registers
their Paylov fiscal receipts through uzpay's flows, saving each flow's state in the
database so that a restart goes on where it stopped (``manage.py resume_flows``)."""
