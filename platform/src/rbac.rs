//! Roles and permissions. Permissions are declared per operation (see the
//! GraphQL resolvers' `require` calls) and checked in one place: [`allows`].
//! The three administrators (三员分立) are mutually exclusive role groups.

use crate::error::{Error, Result};
use serde::Serialize;

/// A role a user holds in their tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Role {
    /// 省级系统管理员: users, tenants, configuration, province-wide.
    ProvinceAdmin,
    /// 市级系统管理员.
    CityAdmin,
    /// 县级系统管理员.
    CountyAdmin,
    /// 安全管理员: roles, grants, security policy.
    SecurityAdmin,
    /// 审计管理员: reads the audit trail, changes nothing.
    AuditAdmin,
    /// 监管执法人员.
    Inspector,
    /// 企业用户, bound to one enterprise.
    Enterprise,
    /// 评审人员 (of a review unit).
    Reviewer,
    /// 考生.
    Examinee,
    /// 监考员: opens and closes exam sessions, records incidents.
    Proctor,
    /// 插件开发者.
    PluginDeveloper,
}

/// Every role, in display order.
pub const ALL_ROLES: &[Role] = &[
    Role::ProvinceAdmin,
    Role::CityAdmin,
    Role::CountyAdmin,
    Role::SecurityAdmin,
    Role::AuditAdmin,
    Role::Inspector,
    Role::Enterprise,
    Role::Reviewer,
    Role::Examinee,
    Role::Proctor,
    Role::PluginDeveloper,
];

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ProvinceAdmin => "province-admin",
            Role::CityAdmin => "city-admin",
            Role::CountyAdmin => "county-admin",
            Role::SecurityAdmin => "security-admin",
            Role::AuditAdmin => "audit-admin",
            Role::Inspector => "inspector",
            Role::Enterprise => "enterprise",
            Role::Reviewer => "reviewer",
            Role::Examinee => "examinee",
            Role::Proctor => "proctor",
            Role::PluginDeveloper => "plugin-developer",
        }
    }

    pub fn parse(s: &str) -> Result<Role> {
        ALL_ROLES
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::field("role", "未知角色", "unknown role"))
    }

    /// The 三员 group of a role, if it is an administrator role.
    pub fn admin_group(self) -> Option<&'static str> {
        match self {
            Role::ProvinceAdmin | Role::CityAdmin | Role::CountyAdmin => Some("system"),
            Role::SecurityAdmin => Some("security"),
            Role::AuditAdmin => Some("audit"),
            _ => None,
        }
    }

    /// The tenant level a role needs (system admins match their tenant's level).
    pub fn required_level(self) -> Option<&'static str> {
        match self {
            Role::ProvinceAdmin => Some("province"),
            Role::CityAdmin => Some("city"),
            Role::CountyAdmin => Some("county"),
            _ => None,
        }
    }

    /// Roles that exist only for organisation members (not department staff).
    pub fn is_org_role(self) -> bool {
        matches!(self, Role::Enterprise | Role::Reviewer)
    }
}

/// An operation's permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Permission {
    /// Create, rename, merge, retire tenants (province system admin).
    TenantManage,
    /// List users of visible tenants.
    UserRead,
    /// Create, disable, reset users (system admins).
    UserManage,
    /// Assign and revoke roles and grants (security admin).
    RoleManage,
    /// Change the password, session and login policy (province security admin).
    PolicyManage,
    /// Read the audit trail (audit admin).
    AuditRead,
    /// Read the job queue and its failures (system admins).
    JobRead,
    /// Manage organisations (system admins).
    OrgManage,
    /// Read the effective configuration (system admins).
    ConfigRead,
    /// A permission a module declared (see [`PermissionDecl`]).
    Module(&'static str),
}

/// A permission a module declares, with the roles that hold it.
#[derive(Debug, Clone, Copy)]
pub struct PermissionDecl {
    /// e.g. `enterprise.update`.
    pub name: &'static str,
    pub roles: &'static [Role],
    pub description: &'static str,
}

static DECLARED: std::sync::RwLock<Vec<PermissionDecl>> = std::sync::RwLock::new(Vec::new());

/// Registers module permissions (at start, from `Module::permissions`).
pub fn declare(decls: &[PermissionDecl]) {
    if let Ok(mut d) = DECLARED.write() {
        for p in decls {
            if !d.iter().any(|x| x.name == p.name) {
                d.push(*p);
            }
        }
    }
}

/// The one place where a role's permissions are decided.
pub fn allows(role: Role, p: Permission) -> bool {
    use Permission::*;
    use Role::*;
    match p {
        TenantManage => role == ProvinceAdmin,
        UserRead => matches!(
            role,
            ProvinceAdmin | CityAdmin | CountyAdmin | SecurityAdmin
        ),
        UserManage | JobRead | OrgManage | ConfigRead => {
            matches!(role, ProvinceAdmin | CityAdmin | CountyAdmin)
        }
        RoleManage => role == SecurityAdmin,
        PolicyManage => role == SecurityAdmin,
        AuditRead => role == AuditAdmin,
        Module(name) => DECLARED
            .read()
            .map(|d| d.iter().any(|x| x.name == name && x.roles.contains(&role)))
            .unwrap_or(false),
    }
}

/// The core permissions, by the name clients see (`Me.permissions`).
const CORE: &[(&str, Permission)] = &[
    ("tenant.manage", Permission::TenantManage),
    ("user.read", Permission::UserRead),
    ("user.manage", Permission::UserManage),
    ("role.manage", Permission::RoleManage),
    ("policy.manage", Permission::PolicyManage),
    ("audit.read", Permission::AuditRead),
    ("job.read", Permission::JobRead),
    ("org.manage", Permission::OrgManage),
    ("config.read", Permission::ConfigRead),
];

/// Every permission any of `roles` holds, core and declared, by name: what a
/// client shows (the server still checks each operation).
pub fn permission_names(roles: &[Role]) -> Vec<String> {
    let mut out: Vec<String> = CORE
        .iter()
        .filter(|(_, p)| roles.iter().any(|r| allows(*r, *p)))
        .map(|(n, _)| n.to_string())
        .collect();
    if let Ok(d) = DECLARED.read() {
        out.extend(
            d.iter()
                .filter(|x| roles.iter().any(|r| x.roles.contains(r)))
                .map(|x| x.name.to_string()),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Checks that a set of roles keeps the three administrators apart.
pub fn check_separation(roles: &[Role]) -> Result<()> {
    let mut groups: Vec<&str> = roles.iter().filter_map(|r| r.admin_group()).collect();
    groups.sort_unstable();
    groups.dedup();
    if groups.len() > 1 {
        return Err(Error::conflict(
            "三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任",
            "separation of duties: system, security and audit administrator roles cannot be combined",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_administrators_are_separate() {
        assert!(check_separation(&[Role::ProvinceAdmin, Role::Inspector]).is_ok());
        assert!(check_separation(&[Role::ProvinceAdmin, Role::AuditAdmin]).is_err());
        assert!(check_separation(&[Role::SecurityAdmin, Role::CountyAdmin]).is_err());
        assert!(!allows(Role::AuditAdmin, Permission::UserManage));
        assert!(!allows(Role::ProvinceAdmin, Permission::AuditRead));
        assert!(!allows(Role::SecurityAdmin, Permission::UserManage));
        assert_eq!(permission_names(&[Role::AuditAdmin]), vec!["audit.read"]);
        let admin = permission_names(&[Role::CountyAdmin]);
        assert!(admin.contains(&"user.manage".to_string()));
        assert!(!admin.contains(&"audit.read".to_string()));
    }

    #[test]
    fn module_permissions_are_declared() {
        declare(&[PermissionDecl {
            name: "test.read",
            roles: &[Role::Inspector],
            description: "t",
        }]);
        assert!(allows(Role::Inspector, Permission::Module("test.read")));
        assert!(!allows(Role::Examinee, Permission::Module("test.read")));
        assert!(!allows(Role::Inspector, Permission::Module("undeclared")));
    }

    #[test]
    fn roles_round_trip() {
        for r in ALL_ROLES {
            assert_eq!(Role::parse(r.as_str()).ok(), Some(*r));
        }
    }
}
