-- When each number's SIM card last changed (unix seconds), for the SIM
-- swap rule (domain/sim_swap.rs) with the embedded operator registry.
ALTER TABLE operator_subscribers ADD COLUMN sim_changed_at BIGINT;
