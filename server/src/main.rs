//! `nomir`: the service's command line (see `nomir::cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    lean_allocator();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(nomir::cli::main()),
        Err(e) => {
            eprintln!("nomir: the runtime did not start: {e}");
            ExitCode::from(2)
        }
    }
}

/// glibc serves a large allocation with its own mapping, returned to the
/// system when freed, but then raises that threshold to the freed size, so
/// the next ones come from a heap that keeps their memory: the demo's
/// Argon2 hashes (19 MB each) left 100 MB resident for the life of the
/// server, and each thread's own heap ("arena", up to 8 per core) kept
/// more. A fixed 1 MB threshold and two arenas (measured with `nomir
/// load`: 31 MB resident at start instead of 126 to 128 MB, bindings a second
/// unchanged). Set before any thread starts, as `MALLOC_MMAP_THRESHOLD_`
/// and `MALLOC_ARENA_MAX` would; an environment that sets them wins.
fn lean_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets parameters of the allocator, before any
        // other thread exists.
        if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
            }
        }
        if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
            unsafe {
                libc::mallopt(libc::M_ARENA_MAX, 2);
            }
        }
    }
}
