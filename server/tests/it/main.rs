//! The server's integration tests, one binary: each module is a topic,
//! and `support` holds the test databases, the demo data and the clients.
//! One binary links the crate once instead of once per topic.

mod support;

mod api_bank;
mod api_clients;
mod api_http;
mod api_idempotency;
mod api_mobile;
mod audit_chain;
mod calendar_cli;
mod camara;
mod certify_eds;
mod check_document_limits;
mod complaints;
mod concurrency;
mod concurrency_apps;
mod dashboard;
mod database_outage;
mod document_cli;
mod document_http;
mod document_pdfsig;
mod document_seal;
mod eds_cli;
mod eds_sign_in;
mod faults;
mod floods;
mod http;
mod identity_http;
mod instances;
mod layers;
mod maintenance;
mod metrics;
mod migrations;
mod notifications;
mod numbers;
mod office_http;
mod outages;
mod procedure;
mod request_step;
mod result_document;
mod second_factor;
mod sign_in;
mod signature;
mod sim_swap;
mod sms_gateway;
mod sms_outbox;
mod sms_smpp;
mod staff_cli;
mod store;
mod telemetry;
