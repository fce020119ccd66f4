//! The province's security policy (password, session, login limits), stored as
//! data in `policies` so it changes without a release.

use crate::db::{Db, Scope, Tx};
use crate::error::{Error, FieldError, Result};
use crate::time::now_ms;
use serde::{Deserialize, Serialize};
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// Password rules (等保三级: complexity and periodic change).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct PasswordPolicy {
    pub min_length: u32,
    /// Of lower case, upper case, digits, symbols: how many kinds are needed.
    pub min_classes: u32,
    /// Days before a password must be changed (0: never).
    pub max_age_days: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 10,
            min_classes: 3,
            max_age_days: 90,
        }
    }
}

/// Session lifetimes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct SessionPolicy {
    /// An access token's absolute lifetime.
    pub access_ttl_minutes: u32,
    /// A session unused this long ends (idle timeout).
    pub idle_timeout_minutes: u32,
    /// How long a refresh token can renew the session.
    pub refresh_ttl_minutes: u32,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            access_ttl_minutes: 120,
            idle_timeout_minutes: 30,
            refresh_ttl_minutes: 720,
        }
    }
}

/// Failed-login limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct LoginPolicy {
    pub max_failures_per_account: u32,
    pub max_failures_per_address: u32,
    pub window_seconds: u32,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            max_failures_per_account: 5,
            max_failures_per_address: 30,
            window_seconds: 900,
        }
    }
}

/// The whole security policy.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct SecurityPolicy {
    pub password: PasswordPolicy,
    pub session: SessionPolicy,
    pub login: LoginPolicy,
}

impl SecurityPolicy {
    /// Rejects values that would lock everyone out or disable the controls.
    pub fn check(&self) -> Result<()> {
        let mut errs = Vec::new();
        if !(8..=128).contains(&self.password.min_length) {
            errs.push(FieldError::new(
                "password.minLength",
                "密码最小长度应在8到128之间",
                "minimum length must be 8-128",
            ));
        }
        if !(1..=4).contains(&self.password.min_classes) {
            errs.push(FieldError::new(
                "password.minClasses",
                "字符种类应为1到4",
                "character classes must be 1-4",
            ));
        }
        if !(1..=1440).contains(&self.session.idle_timeout_minutes) {
            errs.push(FieldError::new(
                "session.idleTimeoutMinutes",
                "空闲超时应为1到1440分钟",
                "idle timeout must be 1-1440 minutes",
            ));
        }
        if !(1..=1440).contains(&self.session.access_ttl_minutes) {
            errs.push(FieldError::new(
                "session.accessTtlMinutes",
                "令牌有效期应为1到1440分钟",
                "token lifetime must be 1-1440 minutes",
            ));
        }
        if self.session.refresh_ttl_minutes < self.session.access_ttl_minutes {
            errs.push(FieldError::new(
                "session.refreshTtlMinutes",
                "刷新期限不能短于令牌有效期",
                "refresh lifetime must not be shorter than the token lifetime",
            ));
        }
        if self.login.max_failures_per_account == 0
            || self.login.max_failures_per_address == 0
            || self.login.window_seconds == 0
        {
            errs.push(FieldError::new(
                "login",
                "登录失败限制必须大于0",
                "login limits must be positive",
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errs))
        }
    }

    /// Checks a new password against the policy.
    pub fn check_password(&self, password: &str, username: &str) -> Result<()> {
        let p = &self.password;
        let mut errs = Vec::new();
        if (password.chars().count() as u32) < p.min_length {
            errs.push(FieldError::new(
                "password",
                &format!("密码至少{}位", p.min_length),
                &format!("the password needs at least {} characters", p.min_length),
            ));
        }
        let classes = [
            password.chars().any(|c| c.is_ascii_lowercase()),
            password.chars().any(|c| c.is_ascii_uppercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_ascii_alphanumeric()),
        ]
        .iter()
        .filter(|b| **b)
        .count() as u32;
        if classes < p.min_classes {
            errs.push(FieldError::new(
                "password",
                &format!(
                    "密码须包含大写字母、小写字母、数字、符号中的至少{}种",
                    p.min_classes
                ),
                &format!(
                    "the password needs {} of: lower case, upper case, digits, symbols",
                    p.min_classes
                ),
            ));
        }
        if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
            errs.push(FieldError::new(
                "password",
                "密码不能包含用户名",
                "the password must not contain the username",
            ));
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errs))
        }
    }
}

/// Cached policy reads.
#[derive(Default)]
pub struct Policies {
    cache: RwLock<Option<(Instant, SecurityPolicy)>>,
}

impl Policies {
    /// The current policy (cached for a few seconds).
    pub async fn security(&self, db: &Db) -> Result<SecurityPolicy> {
        if let Ok(g) = self.cache.read() {
            if let Some((at, p)) = g.as_ref() {
                if at.elapsed() < Duration::from_secs(5) {
                    return Ok(p.clone());
                }
            }
        }
        let mut tx = db.read(Scope::Nothing, None).await?;
        let p = load(&mut tx).await?;
        tx.commit().await?;
        if let Ok(mut g) = self.cache.write() {
            *g = Some((Instant::now(), p.clone()));
        }
        Ok(p)
    }

    pub fn invalidate(&self) {
        if let Ok(mut g) = self.cache.write() {
            *g = None;
        }
    }
}

/// Reads the policy in a transaction (defaults when never set).
pub async fn load(tx: &mut Tx) -> Result<SecurityPolicy> {
    use sqlx::Row;
    let row = tx
        .opt(sqlx::query(
            "SELECT value FROM policies WHERE key = 'security'",
        ))
        .await?;
    match row {
        Some(r) => Ok(serde_json::from_str(&r.try_get::<String, _>("value")?)?),
        None => Ok(SecurityPolicy::default()),
    }
}

/// Stores a new policy.
pub async fn save(tx: &mut Tx, p: &SecurityPolicy, actor: &str) -> Result<()> {
    p.check()?;
    tx.exec(
        sqlx::query(
            "INSERT INTO policies (key, value, updated_at, updated_by) VALUES ('security', $1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(serde_json::to_string(p)?)
        .bind(now_ms())
        .bind(actor.to_string()),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy() {
        let p = SecurityPolicy::default();
        assert!(p.check_password("short", "u").is_err());
        assert!(p.check_password("alllowercaseletters", "u").is_err());
        assert!(p.check_password("Anjian-2026-ok", "bob").is_ok());
        assert!(p.check_password("Bob-Anjian-2026", "bob").is_err());
        assert!(p.check().is_ok());
    }
}
