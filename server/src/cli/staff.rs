//! `nomir staff add|list`: the back office's staff, managed from the
//! command line (outside demo mode this is how officials get accounts).
//! A password is generated and printed once; only its Argon2 hash is kept.

use std::io::Read;

use base64::Engine as _;
use rand::RngCore;

use crate::database::Db;
use crate::domain::audit::{Actor, AuditAction};
use crate::domain::complaint::Role;
use crate::ports::{AuditEntry, StaffMember, StaffStore};
use crate::services::password;

/// Who the audit log names for changes made here.
const OPERATOR: &str = "operator:command-line";
/// The shortest password accepted from standard input.
const MIN_PASSWORD: usize = 12;

#[derive(clap::Subcommand)]
pub enum Action {
    /// Add a staff member; prints the password once unless one is given.
    Add {
        /// 3 to 64 of a-z, 0-9, '.', '_' and '-'.
        #[arg(long)]
        login: String,
        /// The name people read in the back office.
        #[arg(long)]
        name: String,
        /// `provider_official`, `reviewer` or `administrator`.
        #[arg(long)]
        role: String,
        /// Read the password (at least 12 characters) from standard input.
        #[arg(long)]
        password_from_stdin: bool,
    },
    /// List the staff: login, role, name.
    List,
}

fn valid_login(login: &str) -> bool {
    (3..=64).contains(&login.len())
        && login
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

pub async fn run(db: &Db, action: Action) -> anyhow::Result<()> {
    match action {
        Action::Add {
            login,
            name,
            role,
            password_from_stdin,
        } => {
            anyhow::ensure!(
                valid_login(&login),
                "the login must be 3 to 64 of a-z, 0-9, '.', '_' and '-'"
            );
            anyhow::ensure!(!name.trim().is_empty(), "the name is empty");
            let role = Role::from_code(&role).ok_or_else(|| {
                anyhow::anyhow!("the role must be provider_official, reviewer or administrator")
            })?;
            let (secret, show) = if password_from_stdin {
                let mut input = String::new();
                std::io::stdin().read_to_string(&mut input)?;
                let input = input.trim_end_matches(['\r', '\n']).to_owned();
                anyhow::ensure!(
                    input.chars().count() >= MIN_PASSWORD,
                    "the password needs at least {MIN_PASSWORD} characters"
                );
                (input, false)
            } else {
                let mut bytes = [0u8; 18];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                (
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
                    true,
                )
            };
            let hash =
                tokio::task::spawn_blocking(move || password::hash(&secret).map(|h| (h, secret)))
                    .await??;
            let now = time::OffsetDateTime::now_utc();
            let member = StaffMember {
                login: login.clone(),
                name: name.trim().to_owned(),
                role,
                password_hash: hash.0,
                created_at: now,
            };
            let audit = AuditEntry::new(
                now,
                Actor::Operator(OPERATOR),
                AuditAction::StaffAdded,
                format!("staff:{login}"),
                format!("role={}", role.code()),
            );
            anyhow::ensure!(
                db.add_staff(&member, &audit).await?,
                "the login {login} is taken"
            );
            println!("added {login} ({})", role.code());
            if show {
                println!("password (shown once): {}", hash.1);
            }
            Ok(())
        }
        Action::List => {
            for m in db.staff_list().await? {
                println!("{}\t{}\t{}", m.login, m.role.code(), m.name);
            }
            Ok(())
        }
    }
}
