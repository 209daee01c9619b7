fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, which turns a closed pipe into a panic on the next print.
    #[cfg(unix)]
    // SAFETY: setting a signal's action to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    verbale::cli::main()
}
