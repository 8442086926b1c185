fn main() -> std::process::ExitCode {
    passage::cli::run()
}
