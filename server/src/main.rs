//! `nomir`: the service's command line (see `nomir::cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    few_malloc_arenas();
    match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime.block_on(nomir::cli::main()),
        Err(e) => {
            eprintln!("nomir: the runtime did not start: {e}");
            ExitCode::from(2)
        }
    }
}

/// glibc gives each thread that allocates its own heap ("arena", up to 8
/// per core) and keeps freed memory there: the demo's Argon2 hashes (19 MB
/// each, on several threads at start) left 126 MB resident for the life of
/// the server. Two arenas serve a server of a few threads as fast
/// (measured by `nomir load`: 49 MB resident at start, 51 MB at its peak
/// under load, bindings a second unchanged). Set before any thread starts,
/// as `MALLOC_ARENA_MAX=2` would; an environment that sets it wins.
fn few_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a parameter of the allocator, before
        // any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}
