//! Certificates signed with SM2 (国密) when the province's key is an SM2 key,
//! checked publicly like Ed25519 ones, and printed as a PDF with the QR code.

use crate::helpers::*;
use crate::standardization::{items, no_notice, parties, to_announced, CHECK, ISSUE};
use base64::Engine;
use serde_json::json;

fn sm2_key() -> Opts {
    Opts {
        env: vec![
            (
                "ANJIAN_CERTIFICATE_KEY".into(),
                format!("sm2:{}", "4e".repeat(32)),
            ),
            (
                "ANJIAN_PUBLIC_URL".into(),
                "https://aq.example.gov.cn/".into(),
            ),
        ],
        ..Opts::default()
    }
}

/// An SM2-signed certificate: `algorithm` says so, the public check verifies
/// it, a signature with one digit changed is refused, and its PDF carries the
/// number (UCS-2 in the page's text).
async fn sm2_certificate(app: &TestApp) {
    no_notice(app).await;
    let p = parties(app).await;
    let admin = app.login("county-admin@330106").await;
    let items = items(app, &admin).await;
    let id = to_announced(app, &p, 401, &items).await;
    let issued = app.ok(Some(&p.city), ISSUE, json!({"id": id})).await;
    let number = issued["issueStandardizationCertificate"]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let sig = issued["issueStandardizationCertificate"]["signature"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(sig.len(), 128, "an SM2 signature is r ‖ s, 64 bytes");
    // With the public address, the QR code links to the check page.
    let qr = issued["issueStandardizationCertificate"]["qrPayload"]
        .as_str()
        .unwrap();
    assert!(
        qr.starts_with("https://aq.example.gov.cn/certificate-check?number=%E6%B5%99AQB"),
        "{qr}"
    );
    assert!(qr.ends_with(&format!("&signature={sig}")), "{qr}");
    let check = app.ok(None, CHECK, json!({"n": number, "s": sig})).await;
    assert_eq!(check["certificateCheck"]["signatureValid"], true, "{check}");
    let alg = app
        .ok(
            None,
            "query($n: String!) { certificateCheck(number: $n) { algorithm } }",
            json!({"n": number}),
        )
        .await;
    assert_eq!(alg["certificateCheck"]["algorithm"], "sm2", "{alg}");
    let mut forged = sig.clone().into_bytes();
    forged[10] = if forged[10] == b'0' { b'1' } else { b'0' };
    let forged = String::from_utf8(forged).unwrap();
    let r = app
        .gql(None, CHECK, json!({"n": number, "s": forged}))
        .await;
    assert_eq!(code(&r), "VALIDATION_FAILED", "{r}");

    let ent_id = app
        .ok(
            Some(&p.city),
            "query($id: String!) { standardizationApplication(id: $id) { enterpriseId } }",
            json!({"id": id}),
        )
        .await["standardizationApplication"]["enterpriseId"]
        .as_str()
        .unwrap()
        .to_string();
    let certs = app
        .ok(
            Some(&p.city),
            "query($e: String!) { standardizationCertificates(enterpriseId: $e) { number algorithm keyId pdf } }",
            json!({"e": ent_id}),
        )
        .await;
    let c = &certs["standardizationCertificates"][0];
    assert_eq!(c["algorithm"], "sm2");
    assert!(c["keyId"].as_str().unwrap().starts_with("sm2:"));
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(c["pdf"].as_str().unwrap())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    assert!(
        pdf.windows(b"STSong-Light".len())
            .any(|w| w == b"STSong-Light"),
        "the CJK font"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sm2_certificate_on_sqlite() {
    let app = spawn_with(Backend::Sqlite, sm2_key())
        .await
        .expect("sqlite");
    sm2_certificate(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(anjian_pg),
    ignore = "needs PostgreSQL: set ANJIAN_TEST_DATABASE_URL"
)]
async fn sm2_certificate_on_postgres() {
    let app = spawn_with(Backend::Postgres, sm2_key())
        .await
        .expect("ANJIAN_TEST_DATABASE_URL");
    sm2_certificate(&app).await;
}
