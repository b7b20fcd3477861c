//! DropIt's own accept loop: HTTP/1.1 connections with a header-read timeout (which also closes
//! idle keep-alive connections), read and write timeouts on the socket, a cap on open
//! connections (in all and per client), and a graceful shutdown that gives requests in flight a
//! bounded time to finish.
//!
//! `axum::serve` sets no timer on its connections: a client sending half a request, or none,
//! or never reading its answer, kept its socket (and a graceful shutdown) waiting forever. TLS
//! and HTTP/2 belong to the reverse proxy in front of DropIt; between the two, HTTP/1.1 is all
//! that is needed.

use axum::Router;
use axum::extract::connect_info::IntoMakeServiceWithConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use ipnet::IpNet;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_io_timeout::TimeoutStream;
use tower::Service;

/// How the server treats connections.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// How long a client may take to send a request's head, and how long a kept-alive
    /// connection may stay idle between requests.
    pub header_read: Duration,
    /// How long a read or a write on a connection may wait (a client that stops reading its
    /// answer is dropped after it).
    pub io: Duration,
    /// Open connections at most; the next ones wait to be accepted.
    pub connections: usize,
    /// Open connections of one client address at most; more are closed at once. Trusted
    /// proxies, which carry everyone's connections, have no such cap.
    pub per_client: usize,
    pub uncapped: Vec<IpNet>,
    /// How long requests in flight may take to finish after a shutdown begins.
    pub shutdown_grace: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(15),
            io: Duration::from_secs(30),
            connections: 1024,
            per_client: 128,
            uncapped: Vec::new(),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// How many connections each client address has open.
#[derive(Default, Clone)]
struct PerClient(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One client's connection, counted while it lives.
struct Counted {
    clients: PerClient,
    ip: IpAddr,
}

impl PerClient {
    /// Counts a new connection of `ip`, unless it already has `cap`.
    fn open(&self, ip: IpAddr, cap: usize) -> Option<Counted> {
        let mut open = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(ip).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(Counted {
            clients: self.clone(),
            ip,
        })
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut open = self.clients.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting, lets the
/// requests in flight finish for at most `limits.shutdown_grace`, and drops what remains.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true);
    let mut make_service: IntoMakeServiceWithConnectInfo<Router, SocketAddr> =
        router.into_make_service_with_connect_info::<SocketAddr>();
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(limits.connections));
    let clients = PerClient::default();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, a connection reset before accept…: pause, go on.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            () = &mut shutdown => break,
        };
        let ip = peer.ip().to_canonical();
        let cap = if limits.uncapped.iter().any(|net| net.contains(&ip)) {
            usize::MAX
        } else {
            limits.per_client
        };
        let Some(counted) = clients.open(ip, cap) else {
            tracing::warn!(%ip, "too many connections from one client: closed");
            continue;
        };
        let mut stream = TimeoutStream::new(stream);
        stream.set_read_timeout(Some(limits.io));
        stream.set_write_timeout(Some(limits.io));
        let Ok(service) = make_service.call(peer).await;
        let connection =
            builder.serve_connection(TokioIo::new(Box::pin(stream)), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        connections.spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection ended");
            }
            drop((permit, counted));
        });
    }
    drop(listener);
    tracing::info!(
        in_flight = connections.len(),
        "shutting down: finishing requests in flight"
    );
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(dropped = connections.len(), "shutdown grace period over: closing the remaining connections");
        }
    }
    connections.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_has_a_share_of_the_connections() {
        let clients = PerClient::default();
        let ip: IpAddr = "192.0.2.1".parse().expect("ip");
        let first = clients.open(ip, 2);
        let second = clients.open(ip, 2);
        assert!(first.is_some() && second.is_some());
        assert!(clients.open(ip, 2).is_none(), "a third is refused");
        assert!(
            clients.open("192.0.2.2".parse().expect("ip"), 2).is_some(),
            "others are not"
        );
        drop(first);
        assert!(
            clients.open(ip, 2).is_some(),
            "a closed connection frees its place"
        );
    }
}
