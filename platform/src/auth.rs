//! Identity: argon2id passwords, login with failed-attempt limits, opaque bearer
//! tokens that expire, refresh and can be revoked, and the request `Principal`.

use crate::audit::{self, AuditCtx, Change};
use crate::db::Scope;
use crate::error::{Error, Result};
use crate::platform::Platform;
use crate::rbac::{allows, Permission, Role};
use crate::time::{new_id, now_ms};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;
use serde::Serialize;
use sha2::Digest;
use sqlx::Row;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// Hashes a password with argon2id.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

/// Checks a password against a stored argon2 hash, in this thread's own
/// working memory (kept between calls, so a busy sign-in thread allocates
/// its ~19 MiB once instead of on every check).
pub fn verify_password(hash: &str, password: &str) -> bool {
    verify_in_place(hash, password).unwrap_or(false)
}

thread_local! {
    static ARGON2_BLOCKS: std::cell::RefCell<Vec<argon2::Block>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn verify_in_place(hash: &str, password: &str) -> Option<bool> {
    let h = PasswordHash::new(hash).ok()?;
    let expected = h.hash?;
    let algorithm = argon2::Algorithm::try_from(h.algorithm).ok()?;
    let version = match h.version {
        Some(v) => argon2::Version::try_from(v).ok()?,
        None => argon2::Version::default(),
    };
    let params = argon2::Params::try_from(&h).ok()?;
    let mut salt = [0u8; 64];
    let salt = h.salt?.decode_b64(&mut salt).ok()?;
    let blocks = params.block_count();
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    ARGON2_BLOCKS.with(|cell| {
        let mut mem = cell.borrow_mut();
        if mem.len() < blocks {
            mem.resize(blocks, argon2::Block::default());
        }
        argon
            .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut mem[..blocks])
            .ok()
    })?;
    // `Output` compares in constant time.
    Some(argon2::password_hash::Output::new(&out).ok()? == expected)
}

/// At most this many argon2 computations at once: each takes ~19 MiB and a core.
const ARGON2_THREADS: usize = 4;
static ARGON2_SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(ARGON2_THREADS);

/// The threads that run argon2: a fixed few, so that each reuses its own
/// working memory. On tokio's blocking pool each new thread took a malloc
/// arena of its own and kept ~19 MiB in it: a burst of sign-ins left the
/// server at 790 MB resident.
fn argon2_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(ARGON2_THREADS)
            .thread_name(|i| format!("argon2-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f` on an argon2 thread, once a slot is free.
async fn on_argon2_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let _slot = ARGON2_SLOTS.acquire().await.map_err(Error::internal)?;
    match argon2_pool() {
        Some(pool) => {
            let (tx, rx) = tokio::sync::oneshot::channel();
            pool.spawn(move || {
                let _ = tx.send(f());
            });
            rx.await.map_err(Error::internal)
        }
        None => tokio::task::spawn_blocking(f)
            .await
            .map_err(Error::internal),
    }
}

/// [`hash_password`] off the async threads, bounded by the argon2 slots.
pub async fn hash_password_async(password: &str) -> Result<String> {
    let pw = password.to_string();
    on_argon2_thread(move || hash_password(&pw)).await?
}

/// [`verify_password`] off the async threads, bounded by the argon2 slots.
pub async fn verify_password_async(hash: &str, password: &str) -> Result<bool> {
    let (h, pw) = (hash.to_string(), password.to_string());
    on_argon2_thread(move || verify_password(&h, &pw)).await
}

fn new_token(prefix: &str) -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
    )
}

fn token_hash(token: &str) -> String {
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

/// What `login` and `refresh` return.
#[derive(Debug, Clone, Serialize)]
pub struct Tokens {
    pub token: String,
    pub refresh_token: String,
    pub expires_at: i64,
    pub refresh_expires_at: i64,
}

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    /// The user's home tenant.
    pub tenant: String,
    pub roles: Vec<Role>,
    /// The organisation the user belongs to, as (tenant, id).
    pub org: Option<(String, String)>,
    /// Tenants whose records the user may see.
    pub scope: Scope,
    pub session_id: String,
    pub password_expired: bool,
}

impl Principal {
    /// Whether any role grants `p`.
    pub fn can(&self, p: Permission) -> bool {
        self.roles.iter().any(|r| allows(*r, p))
    }

    /// `FORBIDDEN` unless a role grants `p` (and the password has not expired).
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.password_expired {
            return Err(Error::PasswordExpired);
        }
        if self.can(p) {
            Ok(())
        } else {
            Err(Error::Forbidden(format!("{p:?}")))
        }
    }

    pub fn has_role(&self, r: Role) -> bool {
        self.roles.contains(&r)
    }
}

/// Logs in. The error never says whether the account exists, and both
/// kinds of failure do the same work (a password check and an audit
/// record), so their timing doesn't say it either.
///
/// Failures are throttled, never turned into a lock anyone can trigger:
/// - an address that failed too often (`max_failures_per_address`) is
///   refused for the window;
/// - an address that failed one account too often
///   (`max_failures_per_account`) is refused for that account alone;
/// - once an account has failed that often from anywhere, every attempt on
///   it waits a delay that doubles with each further failure (up to
///   [`MAX_DELAY`]), and the right password still signs in.
///
/// Counters are fixed windows (`window_seconds`) that start at the first
/// failure and don't slide.
pub async fn login(p: &Platform, username: &str, password: &str, ctx: &AuditCtx) -> Result<Tokens> {
    let policy = p.policies.security(&p.db).await?.login;
    let window = Duration::from_secs(policy.window_seconds as u64);
    let account = username.trim().to_lowercase();
    let keys = LoginKeys::new(&account, &crate::clientaddr::limit_group(&ctx.client_addr));
    // Count the attempt before checking it, so parallel guesses can't slip
    // through; a success takes it back.
    let by_address = p.limiter.hit(&keys.address, window).await;
    let by_pair = p.limiter.hit(&keys.pair, window).await;
    if by_address > policy.max_failures_per_address as u64
        || by_pair > policy.max_failures_per_account as u64
    {
        p.limiter.undo(&keys.address).await;
        p.limiter.undo(&keys.pair).await;
        return Err(Error::RateLimited {
            retry_after_secs: policy.window_seconds as u64,
        });
    }
    let by_account = p.limiter.hit(&keys.account, window).await;
    let delay = throttle_delay(by_account, policy.max_failures_per_account as u64);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match check_password(p, username, password, ctx).await {
        Ok((tenant, user_id)) => {
            for k in [&keys.address, &keys.pair, &keys.account] {
                p.limiter.undo(k).await;
            }
            create_session(p, &tenant, &user_id, ctx).await
        }
        Err(e) => Err(e),
    }
}

/// The counter keys of one login attempt.
struct LoginKeys {
    address: String,
    pair: String,
    account: String,
}

impl LoginKeys {
    fn new(account: &str, addr: &str) -> LoginKeys {
        LoginKeys {
            address: format!("login:addr:{addr}"),
            pair: format!("login:pair:{account}:{addr}"),
            account: format!("login:acct:{account}"),
        }
    }
}

/// The longest wait before an attempt on an account under attack.
pub const MAX_DELAY: Duration = Duration::from_secs(8);

/// The wait before the `n`-th attempt in a window on an account that
/// allows `max` failures: none up to `max`, then 250 ms doubling per
/// attempt, at most [`MAX_DELAY`].
pub fn throttle_delay(n: u64, max: u64) -> Duration {
    if n <= max {
        return Duration::ZERO;
    }
    let doublings = (n - max - 1).min(10) as u32;
    (Duration::from_millis(250) * 2u32.pow(doublings)).min(MAX_DELAY)
}

/// The account's (tenant, id) when it exists, is enabled and `password`
/// is its password; else `BAD_CREDENTIALS`, after the same work either
/// way: a password verified (a dummy hash for an unknown name) and an
/// audit record written (in the user's tenant, or the province's for an
/// unknown name).
async fn check_password(
    p: &Platform,
    username: &str,
    password: &str,
    ctx: &AuditCtx,
) -> Result<(String, String)> {
    let mut tx = p.db.read(Scope::All, None).await?;
    let sql = tx.sql(
        "SELECT tenant_id, id, password_hash, disabled FROM users WHERE {tenant} AND username = $1",
    )?;
    let row = tx
        .opt(sqlx::query(&sql).bind(username.trim().to_string()))
        .await?;
    tx.commit().await?;
    let found = match &row {
        Some(r) => Some((
            r.try_get::<String, _>("tenant_id")?,
            r.try_get::<String, _>("id")?,
            r.try_get::<String, _>("password_hash")?,
            r.try_get::<i64, _>("disabled")?,
        )),
        None => None,
    };
    let hash = found
        .as_ref()
        .map(|f| f.2.clone())
        .unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = verify_password_async(&hash, password).await?;
    let (tenant, object, id) = match found {
        Some((t, id, _, 0)) if ok => return Ok((t, id)),
        Some((t, id, _, _)) => (t, "user", id),
        None => {
            let dir = p.tenancy.directory(&p.db).await?;
            let root = dir
                .all()
                .into_iter()
                .find(|t| t.parent_code.is_none())
                .map(|t| t.code.clone())
                .ok_or_else(|| Error::Internal("no province tenant".into()))?;
            let name: String = username.trim().chars().take(64).collect();
            (root, "username", name)
        }
    };
    let mut tx = p.db.write(Scope::of([tenant.clone()]), None).await?;
    audit::record(
        &mut tx,
        ctx,
        &tenant,
        "auth.login_failed",
        object,
        &id,
        vec![],
    )
    .await?;
    tx.commit().await?;
    Err(Error::BadCredentials)
}

/// An argon2id hash of a random password, verified when the account doesn't
/// exist so both paths take the same time.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8Qm0oW8V7nq5n6PpJm7bqkPq7a5xK3M2m9l1u0y7QzY";

async fn create_session(
    p: &Platform,
    tenant: &str,
    user_id: &str,
    ctx: &AuditCtx,
) -> Result<Tokens> {
    let sp = p.policies.security(&p.db).await?.session;
    let now = now_ms();
    let t = Tokens {
        token: new_token("aj_"),
        refresh_token: new_token("ajr_"),
        expires_at: now + sp.access_ttl_minutes as i64 * 60_000,
        refresh_expires_at: now + sp.refresh_ttl_minutes as i64 * 60_000,
    };
    let sid = new_id();
    let mut tx = p.db.write(Scope::of([tenant.to_string()]), None).await?;
    tx.exec(
        sqlx::query(
            "INSERT INTO sessions (id, token_hash, refresh_hash, user_id, tenant_id, created_at, \
             expires_at, refresh_expires_at, last_seen_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$6)",
        )
        .bind(sid.clone())
        .bind(token_hash(&t.token))
        .bind(token_hash(&t.refresh_token))
        .bind(user_id.to_string())
        .bind(tenant.to_string())
        .bind(now)
        .bind(t.expires_at)
        .bind(t.refresh_expires_at),
    )
    .await?;
    audit::record(&mut tx, ctx, tenant, "auth.login", "session", &sid, vec![]).await?;
    tx.commit().await?;
    Ok(t)
}

/// Resolves a bearer token to its principal, or `UNAUTHENTICATED`.
pub async fn authenticate(p: &Platform, token: &str) -> Result<Principal> {
    let key = token_hash(token);
    let cache = p.db.auth_cache();
    let epoch = cache.epoch();
    if let Some(principal) = cache.get(&key) {
        return Ok(principal);
    }
    let session = p.policies.security(&p.db).await?.session;
    // Before the transaction: a reload of the directory takes a connection of
    // its own, and requests holding one each while waiting for another would
    // exhaust the pool.
    let dir = p.tenancy.directory(&p.db).await?;
    let now = now_ms();
    let mut tx = p.db.read(Scope::All, None).await?;
    let sql = tx.sql(
        "SELECT s.id AS sid, s.user_id, s.tenant_id, s.expires_at, s.last_seen_at, s.revoked_at, \
         u.username, u.display_name, u.disabled, u.org_tenant_id, u.org_id, u.password_changed_at, \
         r.role FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id \
         LEFT JOIN user_roles r ON r.tenant_id = u.tenant_id AND r.user_id = u.id \
         WHERE {tenant:u} AND s.token_hash = $1",
    )?;
    // One row per role (one with a null role when there is none).
    let rows = tx.all(sqlx::query(&sql).bind(key.clone())).await?;
    let Some(r) = rows.first() else {
        return Err(Error::Unauthenticated);
    };
    let revoked: Option<i64> = r.try_get("revoked_at")?;
    let expires: i64 = r.try_get("expires_at")?;
    let last_seen: i64 = r.try_get("last_seen_at")?;
    let disabled: i64 = r.try_get("disabled")?;
    if revoked.is_some()
        || now >= expires
        || now - last_seen > session.idle_timeout_minutes as i64 * 60_000
        || disabled != 0
    {
        return Err(Error::Unauthenticated);
    }
    let tenant: String = r.try_get("tenant_id")?;
    let user_id: String = r.try_get("user_id")?;
    let sid: String = r.try_get("sid")?;
    let org = match (
        r.try_get::<Option<String>, _>("org_tenant_id")?,
        r.try_get::<Option<String>, _>("org_id")?,
    ) {
        (Some(t), Some(i)) => Some((t, i)),
        _ => None,
    };
    let roles: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.try_get::<Option<String>, _>("role").ok().flatten())
        .filter_map(|s| Role::parse(&s).ok())
        .collect();
    let mut scope = dir.visibility(&tenant);
    // Organisation members holding an organisation role (enterprise, reviewer)
    // may also see the tenants their organisation was granted; nobody else.
    if let Some((ot, oid)) = &org {
        if roles.iter().any(|r| r.is_org_role()) {
            scope = widen_by_grants(&mut tx, scope, ot, oid, now).await?;
        }
    }
    tx.commit().await?;
    let max_age = p.policies.security(&p.db).await?.password.max_age_days as i64;
    let changed: i64 = r.try_get("password_changed_at")?;
    let principal = Principal {
        user_id,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        tenant,
        roles,
        org,
        scope,
        session_id: sid.clone(),
        // A reset password (changed_at 0) must be changed whatever the maximum age.
        password_expired: changed == 0 || (max_age > 0 && now - changed > max_age * 86_400_000),
    };
    if now - last_seen > 30_000 {
        let mut tx = p.db.write(Scope::Nothing, None).await?;
        tx.exec(
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(now)
                .bind(sid),
        )
        .await?;
        tx.commit().await?;
    }
    // Cached no longer than the session's expiry or idle timeout allow.
    let seen = if now - last_seen > 30_000 {
        now
    } else {
        last_seen
    };
    let idle_ends = seen + session.idle_timeout_minutes as i64 * 60_000;
    let left = expires.min(idle_ends) - now;
    let until = std::time::Instant::now() + Duration::from_millis(left.max(0) as u64);
    cache.put(key, principal.clone(), until, epoch);
    Ok(principal)
}

/// Adds the tenants (each itself, not its subtree) an organisation holds live grants in.
async fn widen_by_grants(
    tx: &mut crate::db::Tx,
    scope: Scope,
    org_tenant: &str,
    org_id: &str,
    now: i64,
) -> Result<Scope> {
    let sql = tx.sql(
        "SELECT DISTINCT tenant_id FROM grants WHERE {tenant} AND org_tenant_id = $1 AND org_id = $2 \
         AND revoked_at IS NULL AND record_type IS NULL AND (valid_until IS NULL OR valid_until > $3)",
    )?;
    let rows = tx
        .all(
            sqlx::query(&sql)
                .bind(org_tenant.to_string())
                .bind(org_id.to_string())
                .bind(now),
        )
        .await?;
    if rows.is_empty() {
        return Ok(scope);
    }
    let mut set: BTreeSet<String> = match &scope {
        Scope::All => return Ok(Scope::All),
        Scope::Tenants(s) => (**s).clone(),
        Scope::Nothing => BTreeSet::new(),
    };
    for r in rows {
        set.insert(r.try_get::<String, _>("tenant_id")?);
    }
    Ok(Scope::Tenants(Arc::new(set)))
}

/// Exchanges a refresh token for new tokens; the old ones stop working.
/// A refresh token that was already exchanged and comes back means two
/// holders: the session is revoked, and the reuse audited.
pub async fn refresh(p: &Platform, refresh_token: &str, ctx: &AuditCtx) -> Result<Tokens> {
    let sp = p.policies.security(&p.db).await?.session;
    let now = now_ms();
    let mut tx = p.db.write(Scope::Nothing, None).await?;
    let old_hash = token_hash(refresh_token);
    let row = tx
        .opt(
            sqlx::query(
                "SELECT id, tenant_id, refresh_expires_at, last_seen_at, revoked_at FROM sessions WHERE refresh_hash = $1",
            )
            .bind(old_hash.clone()),
        )
        .await?;
    let Some(r) = row else {
        drop(tx);
        return refused_refresh(p, &old_hash, ctx).await;
    };
    let rexp: i64 = r.try_get("refresh_expires_at")?;
    let idle = now - r.try_get::<i64, _>("last_seen_at")? > sp.idle_timeout_minutes as i64 * 60_000;
    if r.try_get::<Option<i64>, _>("revoked_at")?.is_some() || now >= rexp || idle {
        return Err(Error::Unauthenticated);
    }
    let tenant: String = r.try_get("tenant_id")?;
    let t = Tokens {
        token: new_token("aj_"),
        refresh_token: new_token("ajr_"),
        expires_at: (now + sp.access_ttl_minutes as i64 * 60_000).min(rexp),
        refresh_expires_at: rexp,
    };
    let id: String = r.try_get("id")?;
    let session_id = id.clone();
    // Conditional on the old refresh token: of two concurrent refreshes, one wins.
    tx.auth_changed();
    let n = tx
        .exec(
            sqlx::query(
                "UPDATE sessions SET token_hash = $1, refresh_hash = $2, expires_at = $3, last_seen_at = $4 \
                 WHERE id = $5 AND refresh_hash = $6 AND revoked_at IS NULL",
            )
            .bind(token_hash(&t.token))
            .bind(token_hash(&t.refresh_token))
            .bind(t.expires_at)
            .bind(now)
            .bind(id)
            .bind(old_hash.clone()),
        )
        .await?;
    if n != 1 {
        return Err(Error::Unauthenticated);
    }
    tx.exec(
        sqlx::query(
            "INSERT INTO refresh_tokens_used (token_hash, session_id, tenant_id, used_at) VALUES ($1,$2,$3,$4)",
        )
        .bind(old_hash)
        .bind(session_id)
        .bind(tenant)
        .bind(now),
    )
    .await?;
    tx.commit().await?;
    Ok(t)
}

/// A refresh token no session holds: when it was exchanged before, its
/// session is revoked and the reuse audited; `UNAUTHENTICATED` either way.
async fn refused_refresh(p: &Platform, hash: &str, ctx: &AuditCtx) -> Result<Tokens> {
    let mut tx = p.db.write(Scope::Nothing, None).await?;
    let used = tx
        .opt(
            sqlx::query(
                "SELECT session_id, tenant_id FROM refresh_tokens_used WHERE token_hash = $1",
            )
            .bind(hash.to_string()),
        )
        .await?;
    let Some(u) = used else {
        return Err(Error::Unauthenticated);
    };
    let (sid, tenant): (String, String) = (u.try_get("session_id")?, u.try_get("tenant_id")?);
    tx.auth_changed();
    let n = tx
        .exec(
            sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(sid.clone()),
        )
        .await?;
    tx.commit().await?;
    if n > 0 {
        tracing::warn!(session = %sid, "a used refresh token came back: session revoked");
        let mut w = p.db.write(Scope::of([tenant.clone()]), None).await?;
        audit::record(
            &mut w,
            ctx,
            &tenant,
            "auth.refresh_reused",
            "session",
            &sid,
            vec![],
        )
        .await?;
        w.commit().await?;
    }
    Err(Error::Unauthenticated)
}

/// Ends one session.
pub async fn logout(p: &Platform, principal: &Principal, ctx: &AuditCtx) -> Result<()> {
    let mut tx = p.db.write(principal.scope.clone(), None).await?;
    tx.auth_changed();
    tx.exec(
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2")
            .bind(now_ms())
            .bind(principal.session_id.clone()),
    )
    .await?;
    audit::record(
        &mut tx,
        ctx,
        &principal.tenant,
        "auth.logout",
        "session",
        &principal.session_id,
        vec![],
    )
    .await?;
    tx.commit().await
}

/// Revokes every session of a user (password change, disabling).
pub async fn revoke_user_sessions(
    tx: &mut crate::db::Tx,
    tenant: &str,
    user_id: &str,
) -> Result<u64> {
    tx.auth_changed();
    tx.exec(
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE tenant_id = $2 AND user_id = $3 AND revoked_at IS NULL")
            .bind(now_ms())
            .bind(tenant.to_string())
            .bind(user_id.to_string()),
    )
    .await
}

/// Changes the caller's own password and ends all their sessions.
pub async fn change_password(
    p: &Platform,
    who: &Principal,
    old: &str,
    new: &str,
    ctx: &AuditCtx,
) -> Result<()> {
    let policy = p.policies.security(&p.db).await?;
    // Wrong current passwords count like failed logins: a stolen token can't guess it.
    let key = format!("pwchange:{}", who.user_id);
    let window = Duration::from_secs(policy.login.window_seconds as u64);
    if p.limiter.hit(&key, window).await > policy.login.max_failures_per_account as u64 {
        return Err(Error::RateLimited {
            retry_after_secs: policy.login.window_seconds as u64,
        });
    }
    let mut rtx = p.db.read(Scope::of([who.tenant.clone()]), None).await?;
    let sql =
        rtx.sql("SELECT password_hash FROM users WHERE {tenant} AND tenant_id = $1 AND id = $2")?;
    let hash: String = rtx
        .one(
            sqlx::query(&sql)
                .bind(who.tenant.clone())
                .bind(who.user_id.clone()),
        )
        .await?
        .try_get("password_hash")?;
    rtx.commit().await?;
    if !verify_password_async(&hash, old).await? {
        return Err(Error::field(
            "oldPassword",
            "原密码不正确",
            "the current password is wrong",
        ));
    }
    p.limiter.reset(&key).await;
    if old == new {
        return Err(Error::field(
            "newPassword",
            "新密码不能与原密码相同",
            "the new password must differ from the current one",
        ));
    }
    policy
        .check_password(new, &who.username)
        .map_err(|e| rename_field(e, "newPassword"))?;
    let new_hash = hash_password_async(new).await?;
    let mut tx = p.db.write(Scope::of([who.tenant.clone()]), None).await?;
    tx.auth_changed();
    let sql = tx.sql("UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE {tenant} AND tenant_id = $3 AND id = $4")?;
    tx.exec(
        sqlx::query(&sql)
            .bind(new_hash)
            .bind(now_ms())
            .bind(who.tenant.clone())
            .bind(who.user_id.clone()),
    )
    .await?;
    revoke_user_sessions(&mut tx, &who.tenant, &who.user_id).await?;
    audit::record(
        &mut tx,
        ctx,
        &who.tenant,
        "auth.change_password",
        "user",
        &who.user_id,
        vec![Change::new(
            "password",
            Some("***".into()),
            Some("***".into()),
        )],
    )
    .await?;
    tx.commit().await
}

/// Re-labels the field of validation errors (e.g. `password` -> `newPassword`).
pub fn rename_field(e: Error, field: &str) -> Error {
    match e {
        Error::Validation(mut v) => {
            for f in &mut v {
                f.field = field.to_string();
            }
            Error::Validation(v)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_round_trip() {
        let h = hash_password("Anjian-2026-ok").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "Anjian-2026-ok"));
        assert!(!verify_password(&h, "wrong"));
        assert!(!verify_password(DUMMY_HASH, "anything"));
    }

    #[test]
    fn stored_hashes_of_other_parameters_still_verify() {
        // Hashes written with other algorithms and costs (older policies),
        // checked in one thread's reused memory, larger first.
        let salt = SaltString::encode_b64(b"anjian-salt-16by").expect("salt");
        for (alg, m, t) in [
            (argon2::Algorithm::Argon2id, 19_456, 2),
            (argon2::Algorithm::Argon2i, 4_096, 3),
            (argon2::Algorithm::Argon2d, 1_024, 1),
        ] {
            let params = argon2::Params::new(m, t, 1, None).expect("params");
            let a = Argon2::new(alg, argon2::Version::V0x13, params);
            let h = a.hash_password(b"pw-1", &salt).expect("hash").to_string();
            assert!(verify_password(&h, "pw-1"), "{h}");
            assert!(!verify_password(&h, "pw-2"), "{h}");
        }
        assert!(!verify_password(
            "$argon2id$v=19$m=19456,t=2,p=1$bm90LWJhc2U2NA",
            "pw"
        ));
        assert!(!verify_password("not a hash", "pw"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = new_token("aj_");
        assert_ne!(a, new_token("aj_"));
        assert_eq!(token_hash(&a).len(), 64);
    }
}
