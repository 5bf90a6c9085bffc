"""The contact engine (issue #19): plans each day's contacts (rules/contact_plan.py), makes them
through the gateways, logs every one (outreach/run.py), runs on a schedule (outreach/scheduler.py)
and reports on them for the lender's staff (outreach/report.py)."""
