fn main() -> std::process::ExitCode {
    verbale::cli::main()
}
