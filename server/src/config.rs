//! DropIt's configuration: one typed struct from flags and environment (`dropit --help`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "dropit",
    version,
    about = "DropIt: training management for weightlifting clubs"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Migrate the database and serve DropIt (the default).
    Serve,
    /// Apply the pending database migrations, then exit.
    Migrate,
    /// Create the demo club and its owner, coach and athlete (if missing), then exit.
    SeedDemo,
    /// Create the benchmark club (a coach and 500 exercises, see bench/), then exit.
    SeedBench,
    /// Create the planning benchmark (clubs of 40 athletes with two years of sessions, see
    /// bench/planning.sh), then exit.
    SeedPlanningBench {
        /// How many clubs.
        #[arg(long, default_value_t = 100)]
        clubs: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines, for development.
    Pretty,
    /// One JSON object per line, for production log collectors.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database: a SQLite file (`sqlite://path`) or a PostgreSQL server (`postgres://…`).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/dropit.db",
        global = true
    )]
    pub database_url: String,

    /// Address and port to listen on.
    #[arg(long, env = "DROPIT_LISTEN", default_value = "127.0.0.1:3000", global = true)]
    pub listen: SocketAddr,

    /// Folder with the built site (`pkg/` with the WASM, JS and CSS, and the public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,

    /// Folder where uploaded images and videos are kept.
    #[arg(long, env = "DROPIT_MEDIA_DIR", default_value = "data/media", global = true)]
    pub media_dir: PathBuf,

    /// The address people use to reach DropIt, for invitation links [default: http://<listen>].
    #[arg(long, env = "DROPIT_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Mark the session cookie Secure [default: when the public URL is https].
    #[arg(long, env = "DROPIT_SECURE_COOKIES", global = true)]
    pub secure_cookies: Option<bool>,

    /// Log format.
    #[arg(
        long,
        env = "DROPIT_LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    pub log_format: LogFormat,

    /// Log filter, e.g. `info` or `info,server=debug,sqlx=warn`.
    #[arg(long, env = "DROPIT_LOG", default_value = "info,sqlx=warn", global = true)]
    pub log_level: String,

    /// On start, create the demo club when it does not exist yet.
    #[arg(long, env = "DROPIT_DEMO", default_value_t = false, global = true)]
    pub demo: bool,

    /// Reverse proxies whose `X-Forwarded-For` header is believed, as addresses or networks
    /// separated by commas (`10.0.0.2,192.168.0.0/24`). Without one, the client's address is
    /// the connection's: behind a proxy every person would share the proxy's address (and its
    /// login throttle).
    #[arg(long, env = "DROPIT_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_network, global = true)]
    pub trusted_proxies: Vec<IpNet>,

    /// Failed logins one network address may make in 15 minutes before its logins are refused
    /// until the 15 minutes are over.
    #[arg(
        long,
        env = "DROPIT_LOGIN_FAILURES_PER_ADDRESS",
        default_value_t = 20,
        global = true
    )]
    pub login_failures_per_address: u32,

    /// Clubs one network address may sign up in an hour.
    #[arg(long, env = "DROPIT_SIGNUPS_PER_HOUR", default_value_t = 5, global = true)]
    pub signups_per_hour: u32,
}

/// An address (a network of one) or a network in CIDR notation.
fn parse_network(raw: &str) -> Result<IpNet, String> {
    let raw = raw.trim();
    raw.parse::<IpNet>()
        .or_else(|_| raw.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{raw:?} is neither an IP address nor a network like 10.0.0.0/8"))
}

/// A setting that cannot work, named so the person can fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got {0:?})")]
    DatabaseUrl(String),
    #[error("DROPIT_PUBLIC_URL must be an http:// or https:// URL without a path (got {0:?})")]
    PublicUrl(String),
    #[error("DROPIT_LOG is not a valid log filter: {0}")]
    LogLevel(String),
}

impl Config {
    /// Checks every setting at start, so a mistake is reported before anything runs.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if store::Backend::of_url(&self.database_url).is_none() {
            return Err(ConfigError::DatabaseUrl(store::redact(&self.database_url)));
        }
        let public_url = self.public_url();
        let rest = public_url
            .strip_prefix("https://")
            .or_else(|| public_url.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !host.contains('/') => {}
            _ => return Err(ConfigError::PublicUrl(public_url)),
        }
        tracing_subscriber::EnvFilter::try_new(&self.log_level)
            .map_err(|e| ConfigError::LogLevel(e.to_string()))?;
        Ok(())
    }

    /// The public base URL, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_owned()
    }

    /// The login and sign-up throttle's limits.
    pub fn throttle(&self) -> domain::throttle::Limits {
        domain::throttle::Limits {
            failures_per_address: self.login_failures_per_address,
            signups_per_address: self.signups_per_hour,
            ..domain::throttle::Limits::default()
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
            .unwrap_or_else(|| self.public_url().starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("dropit").chain(args.iter().copied())).expect("valid flags")
    }

    #[test]
    fn defaults_run_locally_on_sqlite() {
        let cli = parse(&[]);
        assert_eq!(cli.command, None);
        assert!(cli.config.database_url.starts_with("sqlite://"));
        assert_eq!(cli.config.public_url(), "http://127.0.0.1:3000");
        assert!(!cli.config.secure_cookies());
        assert!(cli.config.validate().is_ok());
    }

    #[test]
    fn https_public_url_makes_cookies_secure() {
        let cli = parse(&["--public-url", "https://club.example/"]);
        assert_eq!(cli.config.public_url(), "https://club.example");
        assert!(cli.config.secure_cookies());
    }

    #[test]
    fn invalid_settings_are_named() {
        for (flags, name) in [
            (["--database-url", "mysql://x"], "DATABASE_URL"),
            (["--public-url", "club.example"], "DROPIT_PUBLIC_URL"),
            (["--log-level", "info,=[="], "DROPIT_LOG"),
        ] {
            let error = parse(&flags).config.validate().unwrap_err().to_string();
            assert!(error.contains(name), "{flags:?}: {error}");
        }
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let cli = parse(&["--trusted-proxies", "10.0.0.2, 192.168.0.0/24,::1"]);
        let nets: Vec<String> = cli
            .config
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(nets, ["10.0.0.2/32", "192.168.0.0/24", "::1/128"]);
        assert!(parse(&[]).config.trusted_proxies.is_empty());
        assert!(Cli::try_parse_from(["dropit", "--trusted-proxies", "proxy.local"]).is_err());
    }

    #[test]
    fn subcommands_parse() {
        assert_eq!(parse(&["migrate"]).command, Some(Command::Migrate));
        assert_eq!(parse(&["seed-demo"]).command, Some(Command::SeedDemo));
        assert_eq!(parse(&["seed-bench"]).command, Some(Command::SeedBench));
        assert_eq!(
            parse(&["seed-planning-bench", "--clubs", "3"]).command,
            Some(Command::SeedPlanningBench { clubs: 3 })
        );
        assert_eq!(
            parse(&["serve", "--listen", "0.0.0.0:8080"]).config.listen.port(),
            8080
        );
    }
}
