//! `dropit`: serve DropIt, migrate its database, or seed the demo club.

use clap::Parser;
use server::config::{Cli, Command, LogFormat};
use server::seed::{DEMO_CLUB, DEMO_LOGINS, DEMO_PASSWORD};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: rendering and compressing pages allocate many
/// short-lived buffers from every worker thread, where glibc's allocator contends.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn init_logging(format: LogFormat, filter: &str) {
    let filter = tracing_subscriber::EnvFilter::new(filter);
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Pretty => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = cli.config;
    if let Err(e) = config.validate() {
        eprintln!("dropit: invalid configuration: {e}");
        return ExitCode::from(2);
    }
    init_logging(config.log_format, &config.log_level);
    match run(cli.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("dropit: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: server::config::Config) -> Result<(), Box<dyn std::error::Error>> {
    // Only `dropit migrate` creates a missing SQLite file (see `store::Creation`): a lost file
    // is noticed instead of replaced by an empty one.
    let creation = if command == Command::Migrate {
        store::Creation::Allowed
    } else {
        store::Creation::Never
    };
    let db = server::open_database(&config, creation).await?;
    tracing::info!(database = %store::redact(&config.database_url), "database migrated");
    let seed = command == Command::SeedDemo || (command == Command::Serve && config.demo);
    if seed {
        let created = server::seed::seed_demo(&*db.store(), &server::hasher::Argon2Hasher::default()).await?;
        if created {
            tracing::info!(club = DEMO_CLUB, "demo club created");
        }
    }
    if command == Command::SeedBench {
        let created =
            server::seed::seed_bench(&*db.store(), &server::hasher::Argon2Hasher::default()).await?;
        if created {
            tracing::info!(club = server::seed::BENCH_CLUB, "benchmark club created");
        }
    }
    if let Command::SeedPlanningBench { clubs } = command {
        let hasher = server::hasher::Argon2Hasher::default();
        if server::seed::seed_planning_bench(&*db.store(), &hasher, clubs).await? {
            tracing::info!(clubs, "planning benchmark created");
        }
    }
    if command != Command::Serve {
        db.close().await;
        return Ok(());
    }
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let app = server::build(&config, db).await?;
    announce(&config.public_url(), config.demo);
    server::serve(app, listener).await?;
    Ok(())
}

/// Tells the person starting DropIt where it is and how to log in.
fn announce(url: &str, demo: bool) {
    tracing::info!(%url, "DropIt is listening");
    let mut text = format!("\n  DropIt is running: {url}\n");
    if demo {
        text.push_str(&format!(
            "\n  Demo club \"{DEMO_CLUB}\" — password for all: {DEMO_PASSWORD}\n"
        ));
        for (email, _, role) in DEMO_LOGINS {
            text.push_str(&format!("    {role:<8} {email}\n"));
        }
    }
    eprintln!("{text}");
}
