//! Writes on a full disk: every server function that writes is called while the SQLite file's
//! file system has no room left, and none may answer success without its change being stored;
//! once room is made, every one works again, without a restart.
//!
//! The test needs a small file system of its own to fill: `scripts/disk-full-test.sh` mounts a
//! tmpfs in a private mount namespace and names it in `DROPIT_FAULT_DIR`. Without that variable
//! the test does nothing (it never fills a real disk: it checks the folder is a tmpfs mount).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use domain::Role;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use support::{Fixture, MATRIX, Scope, expected};

/// The folder of a dedicated tmpfs, or `None` when the test is not asked to run.
fn fault_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("DROPIT_FAULT_DIR")?);
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").expect("mountinfo");
    let canonical = dir.canonicalize().expect("fault dir");
    let is_tmpfs = mounts.lines().any(|line| {
        let fields: Vec<&str> = line.split(' ').collect();
        let mount_point = fields.get(4).copied();
        let fs_type = line.split(" - ").nth(1).and_then(|rest| rest.split(' ').next());
        mount_point == canonical.to_str() && fs_type == Some("tmpfs")
    });
    assert!(
        is_tmpfs,
        "DROPIT_FAULT_DIR must be a tmpfs mount point: the test fills it"
    );
    Some(canonical)
}

/// Fills the file system of `dir` to the last byte; returns the filler file.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).expect("filler");
    for chunk in [1 << 20, 4096, 512, 1] {
        let block = vec![0u8; chunk];
        while file.write_all(&block).is_ok() {}
    }
    let _ = file.sync_all();
    path
}

/// A look at the database apart from the server's connections: it sees only what was
/// committed. (It only reads, and checkpoints once.)
async fn observer(database: &Path) -> SqlitePool {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", database.display())).expect("url");
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("observer")
}

/// Everything the database holds, table by table, as text.
async fn snapshot(db: &SqlitePool) -> Vec<(String, String)> {
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT IN ('_sqlx_migrations', 'readiness') ORDER BY name",
    )
    .fetch_all(db)
    .await
    .expect("tables");
    let mut all = Vec::new();
    for (table,) in tables {
        let columns: Vec<(String,)> = sqlx::query_as("SELECT name FROM pragma_table_info($1)")
            .bind(&table)
            .fetch_all(db)
            .await
            .expect("columns");
        let row = columns
            .iter()
            .map(|(c,)| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let (content,): (Option<String>,) =
            sqlx::query_as(&format!("SELECT group_concat({row}, char(10)) FROM \"{table}\""))
                .fetch_one(db)
                .await
                .expect("rows");
        all.push((table, content.unwrap_or_default()));
    }
    all
}

/// Write server functions whose prepared call may rightly change nothing: switching to the club
/// the session already works in.
const MAY_CHANGE_NOTHING: &[&str] = &["switch_club"];

/// One prepared call of a write server function, as the owner of the fixture's club.
struct Call {
    endpoint: &'static str,
    client: reqwest::Client,
    request: reqwest::RequestBuilder,
    want: u16,
}

/// A call of every write server function, its records made now (while there is room). "Log
/// out everywhere" comes last: it ends the sessions the other calls are made with.
async fn prepare(fx: &Fixture) -> Vec<Call> {
    let mut calls = Vec::new();
    let mut writes: Vec<_> = MATRIX.iter().filter(|c| c.writes).collect();
    writes.sort_by_key(|c| c.endpoint == "log_out_everywhere");
    for case in writes {
        let client = fx.client(Some(Role::Owner)).await;
        let request = fx.matrix_call(&client, case, Scope::Own).await;
        calls.push(Call {
            endpoint: case.endpoint,
            client,
            request,
            want: expected(case, Some(Role::Owner), Scope::Own),
        });
    }
    calls
}

async fn ready(fx: &Fixture) -> u16 {
    reqwest::get(format!("{}/readyz", fx.base))
        .await
        .expect("readyz")
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_write_is_acknowledged_unless_stored_and_writes_recover_without_restart() {
    let Some(dir) = fault_dir() else {
        eprintln!("DROPIT_FAULT_DIR is not set: run scripts/disk-full-test.sh");
        return;
    };
    let fx = support::spawn_in(&dir, &[]).await;
    let observer = observer(&fx.database).await;
    let on_full_disk = prepare(&fx).await;
    assert!(on_full_disk.len() >= 35, "every write server function is called");

    // From now on, every commit has to grow the write-ahead log: there is no room for it.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&observer)
        .await
        .expect("checkpoint");
    let filler = fill(&dir);
    assert_eq!(
        ready(&fx).await,
        503,
        "readiness knows the database cannot take writes"
    );

    let mut lost = Vec::new();
    let mut wrong = Vec::new();
    let mut refused = 0;
    for call in on_full_disk {
        let before = snapshot(&observer).await;
        let status = call.request.send().await.expect("call").status().as_u16();
        let after = snapshot(&observer).await;
        if (200..300).contains(&status) {
            if before == after && !MAY_CHANGE_NOTHING.contains(&call.endpoint) {
                lost.push(format!("{} answered {status} but stored nothing", call.endpoint));
            }
        } else if status == 503 || status == 500 {
            refused += 1;
        } else {
            wrong.push(format!(
                "{}: a full disk is a server-side failure, got {status}",
                call.endpoint
            ));
        }
        eprintln!("full disk: {} answered {status}", call.endpoint);
        drop(call.client);
    }
    assert!(
        lost.is_empty(),
        "acknowledged writes were lost:\n{}",
        lost.join("\n")
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(refused > 30, "the disk was full: writes failed ({refused} did)");

    // Room again: the same server takes writes, without a restart.
    std::fs::remove_file(filler).expect("make room");
    let mut status = 0;
    for _ in 0..50 {
        status = ready(&fx).await;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "ready again once there is room");
    let mut failures = Vec::new();
    for call in prepare(&fx).await {
        let before = snapshot(&observer).await;
        let status = call.request.send().await.expect("call").status().as_u16();
        let after = snapshot(&observer).await;
        if status != call.want {
            failures.push(format!("{}: got {status}, want {}", call.endpoint, call.want));
        } else if before == after && !MAY_CHANGE_NOTHING.contains(&call.endpoint) {
            failures.push(format!("{} answered {status} but stored nothing", call.endpoint));
        }
    }
    assert!(
        failures.is_empty(),
        "after the disk had room again:\n{}",
        failures.join("\n")
    );
}
