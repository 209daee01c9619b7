//! A request -> let through, or refused with 403: the run's token (query, then cookie), the
//! `Host` the server printed, and, for requests that change something, its own `Origin`.
//! Every answer gets a strict Content-Security-Policy and is never cached.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ServeError;

/// The cookie that carries the token after the first visit.
pub const COOKIE: &str = "verbale_token";

/// No resource from anywhere but the server, no inline script or style, no framing, no
/// form posting elsewhere. Images may be `data:` (the emblem upload preview).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// What a request must match: the token, the host:port printed, the origin.
pub struct Guard {
    /// The run's secret, 64 hex digits.
    pub token: String,
    /// `127.0.0.1:PORT`, as printed.
    pub host: String,
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
    /// `[::1]:PORT`, when the server listens there too.
    pub host6: Option<String>,
}

impl Guard {
    /// A guard for the server at `host` (`127.0.0.1:PORT`) with a new random token.
    pub fn new(host: String) -> Result<Guard, ServeError> {
        Ok(Guard {
            token: token()?,
            origin: format!("http://{host}"),
            host,
            host6: None,
        })
    }

    /// Why `request` must be refused, if it must.
    fn refusal(&self, method: &Method, headers: &HeaderMap, query: Option<&str>) -> Option<&str> {
        let host = header_value(headers, header::HOST);
        let ours = host.filter(|h| *h == self.host || Some(*h) == self.host6.as_deref());
        let Some(host) = ours else {
            return Some("this server answers only at the address it printed");
        };
        let given = query_token(query).or_else(|| cookie_token(headers));
        if !given.is_some_and(|given| same(given.as_bytes(), self.token.as_bytes())) {
            return Some("open the link with the token that `verbale serve` printed");
        }
        let changes = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        let origin = header_value(headers, header::ORIGIN);
        if changes && origin.and_then(|o| o.strip_prefix("http://")) != Some(host) {
            return Some("changes are accepted only from the page this server gave");
        }
        None
    }
}

/// A random token from the operating system's generator: 32 bytes as hex.
fn token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|cause| ServeError::Random { cause })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Refuses requests that fail the guard; sets the cookie when the token came in the query;
/// adds the security headers to every answer.
pub async fn guard(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    let query = request.uri().query().map(str::to_owned);
    if let Some(reason) = guard.refusal(request.method(), request.headers(), query.as_deref()) {
        let mut response =
            (StatusCode::FORBIDDEN, format!("forbidden: {reason}\n")).into_response();
        secure(response.headers_mut());
        return response;
    }
    let from_query = query_token(query.as_deref()).is_some();
    let mut response = next.run(request).await;
    if from_query {
        let cookie = format!(
            "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
            guard.token
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    secure(response.headers_mut());
    response
}

/// The headers every answer carries.
fn secure(headers: &mut HeaderMap) {
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

fn header_value(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `token=...` in the query.
fn query_token(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
}

/// `verbale_token=...` in the `Cookie` header.
fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard {
            token: "abc".into(),
            host: "127.0.0.1:9".into(),
            origin: "http://127.0.0.1:9".into(),
            host6: Some("[::1]:9".into()),
        }
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_token_comes_from_the_query_or_the_cookie() {
        let g = guard();
        let host = (header::HOST, "127.0.0.1:9");
        let get = Method::GET;
        assert!(g
            .refusal(
                &get,
                &headers(std::slice::from_ref(&host)),
                Some("token=abc")
            )
            .is_none());
        let cookie = (header::COOKIE, "a=b; verbale_token=abc");
        assert!(g
            .refusal(&get, &headers(&[host.clone(), cookie]), None)
            .is_none());
        assert!(g
            .refusal(
                &get,
                &headers(std::slice::from_ref(&host)),
                Some("token=abd")
            )
            .is_some());
        assert!(g.refusal(&get, &headers(&[host]), None).is_some());
    }

    #[test]
    fn another_host_or_origin_is_refused() {
        let g = guard();
        let q = Some("token=abc");
        let other = headers(&[(header::HOST, "localhost:9")]);
        assert!(g.refusal(&Method::GET, &other, q).is_some());
        let foreign = headers(&[
            (header::HOST, "127.0.0.1:9"),
            (header::ORIGIN, "http://evil.example"),
        ]);
        assert!(g.refusal(&Method::POST, &foreign, q).is_some());
        let own = headers(&[
            (header::HOST, "127.0.0.1:9"),
            (header::ORIGIN, "http://127.0.0.1:9"),
        ]);
        assert!(g.refusal(&Method::POST, &own, q).is_none());
        let six = headers(&[
            (header::HOST, "[::1]:9"),
            (header::ORIGIN, "http://[::1]:9"),
        ]);
        assert!(g.refusal(&Method::POST, &six, q).is_none());
        let crossed = headers(&[
            (header::HOST, "[::1]:9"),
            (header::ORIGIN, "http://127.0.0.1:9"),
        ]);
        assert!(g.refusal(&Method::POST, &crossed, q).is_some());
    }
}
