// Included by the build scripts of the crates whose tests need services
// (`include!("…/testkit/service_cfg.rs")`): sets `anjian_pg`,
// `anjian_redis` and `anjian_examples` when PostgreSQL, Redis and the built
// example plugins are there at build time, so a test that needs one is
// marked `ignored` with its reason when it is absent, never a silent `ok`.
// With `ANJIAN_TEST_REQUIRE_SERVICES=1` (CI) an absent one fails the build.

/// Emits the cfgs; `examples` is the directory of the built example plugins.
fn service_cfgs(examples: Option<&std::path::Path>) {
    println!("cargo::rustc-check-cfg=cfg(anjian_pg, anjian_redis, anjian_examples, anjian_s3)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=ANJIAN_TEST_S3S_FS");
    for var in [
        "ANJIAN_TEST_DATABASE_URL",
        "ANJIAN_TEST_REDIS_URL",
        "ANJIAN_TEST_REQUIRE_SERVICES",
    ] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    let require = std::env::var("ANJIAN_TEST_REQUIRE_SERVICES").is_ok_and(|v| v == "1");
    let set = |var: &str| std::env::var(var).is_ok_and(|v| !v.is_empty());
    for (var, cfg) in [
        ("ANJIAN_TEST_DATABASE_URL", "anjian_pg"),
        ("ANJIAN_TEST_REDIS_URL", "anjian_redis"),
    ] {
        if set(var) {
            println!("cargo::rustc-cfg={cfg}");
        } else if require {
            panic!("{var} is unset but ANJIAN_TEST_REQUIRE_SERVICES=1");
        }
    }
    let s3 = std::env::var("ANJIAN_TEST_S3S_FS").unwrap_or_else(|_| "s3s-fs".into());
    let on_path = |bin: &str| {
        std::path::Path::new(bin).is_file()
            || std::env::var_os("PATH").is_some_and(|p| {
                std::env::split_paths(&p).any(|d| d.join(bin).is_file())
            })
    };
    if on_path(&s3) {
        println!("cargo::rustc-cfg=anjian_s3");
    } else if require && examples.is_some() {
        panic!("s3s-fs is not installed but ANJIAN_TEST_REQUIRE_SERVICES=1: cargo install s3s-fs@0.14.1 --features binary");
    }
    if let Some(dir) = examples {
        println!("cargo::rerun-if-changed={}", dir.display());
        let names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        // Every language's examples (the script builds them all).
        let built = ["-rust.wasm", "-python.wasm", "-js.wasm"]
            .iter()
            .all(|k| names.iter().any(|n| n.ends_with(k)));
        if built {
            println!("cargo::rustc-cfg=anjian_examples");
        } else if require {
            panic!(
                "{} has no built example plugins but ANJIAN_TEST_REQUIRE_SERVICES=1: run scripts/build-plugin-examples.sh",
                dir.display()
            );
        }
    }
}
