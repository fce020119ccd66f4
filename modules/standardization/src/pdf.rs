//! The printable certificate (证书): one A4 page in PDF with the
//! certificate's fields, its signature and a QR code carrying the number and
//! signature for the public check. Chinese text uses the standard CJK font
//! STSong-Light (Adobe-GB1, not embedded: every PDF reader that shows
//! Chinese supplies it), so the document stays a few kilobytes.

use crate::certificate::{Certificate, Status};
use anjian_platform::time::to_rfc3339;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};
use qrcode::{EcLevel, QrCode};

const FONT: Name = Name(b"F1");
/// A4 in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;

/// What the QR code carries: with the console's public address, a link to
/// its check page with the number and signature; else `AQB1|number|signature`,
/// which the check page takes as it is.
pub fn qr_payload(c: &Certificate, public_url: Option<&str>) -> String {
    match public_url.map(|u| u.trim().trim_end_matches('/')) {
        Some(base) if !base.is_empty() => {
            let q: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("number", &c.number)
                .append_pair("signature", &c.signature)
                .finish();
            format!("{base}/certificate-check?{q}")
        }
        _ => format!("AQB1|{}|{}", c.number, c.signature),
    }
}

/// The certificate as a PDF document.
pub fn render(
    c: &Certificate,
    status: Status,
    algorithm: &str,
    public_url: Option<&str>,
) -> Vec<u8> {
    let (catalog, pages, page, content, font, cid, desc) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
        Ref::new(7),
    );
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .parent(pages)
        .contents(content);
    p.resources().fonts().pair(FONT, font);
    drop(p);
    pdf.type0_font(font)
        .base_font(Name(b"STSong-Light"))
        .encoding_predefined(Name(b"UniGB-UCS2-H"))
        .descendant_font(cid);
    let mut f = pdf.cid_font(cid);
    f.subtype(CidFontType::Type0)
        .base_font(Name(b"STSong-Light"))
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"GB1"),
            supplement: 2,
        })
        .font_descriptor(desc)
        .default_width(1000.0);
    // Adobe-GB1 CIDs 1–95 are the proportional ASCII glyphs.
    f.widths().consecutive(1, std::iter::repeat_n(500.0, 95));
    drop(f);
    pdf.font_descriptor(desc)
        .name(Name(b"STSong-Light"))
        .flags(FontFlags::SYMBOLIC | FontFlags::SERIF)
        .bbox(Rect::new(-25.0, -254.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(880.0)
        .stem_v(93.0);
    let body = page_content(c, status, algorithm, &qr_payload(c, public_url));
    pdf.stream(content, &body);
    pdf.finish()
}

fn page_content(c: &Certificate, status: Status, algorithm: &str, payload: &str) -> Vec<u8> {
    let mut k = Content::new();
    // A double frame.
    k.set_stroke_rgb(0.6, 0.1, 0.1);
    k.set_line_width(3.0);
    k.rect(30.0, 30.0, WIDTH - 60.0, HEIGHT - 60.0);
    k.stroke();
    k.set_line_width(0.8);
    k.rect(40.0, 40.0, WIDTH - 80.0, HEIGHT - 80.0);
    k.stroke();
    text(
        &mut k,
        26.0,
        centred("安全生产标准化证书", 26.0),
        720.0,
        "安全生产标准化证书",
    );
    let grade = format!("安全生产标准化{}企业", c.grade.zh());
    text(&mut k, 20.0, centred(&grade, 20.0), 670.0, &grade);
    let lines = [
        ("证书编号", c.number.clone()),
        ("企业名称", c.enterprise_name.clone()),
        ("统一社会信用代码", c.enterprise_uscc.clone()),
        ("行业", c.industry.clone()),
        ("等级", c.grade.zh().to_string()),
        ("发证日期", date(c.issued_at)),
        ("有效期至", date(c.valid_until)),
        ("发证机关", c.issuer.clone()),
        ("状态", status_zh(status).to_string()),
    ];
    let mut y = 600.0;
    for (label, value) in lines {
        text(&mut k, 13.0, 90.0, y, &format!("{label}："));
        text(&mut k, 13.0, 210.0, y, &value);
        y -= 28.0;
    }
    let alg = if algorithm == "sm2" {
        "SM2（国密）"
    } else {
        "Ed25519"
    };
    text(
        &mut k,
        9.0,
        90.0,
        300.0,
        &format!("数字签名（{alg}，密钥 {}）：", c.key_id),
    );
    for (i, chunk) in c.signature.as_bytes().chunks(64).enumerate() {
        let line = String::from_utf8_lossy(chunk);
        text(&mut k, 8.0, 90.0, 286.0 - i as f32 * 12.0, &line);
    }
    text(
        &mut k,
        10.0,
        90.0,
        110.0,
        "扫描二维码或在公众查询页输入证书编号，核验证书真伪与状态。",
    );
    qr(&mut k, payload, 380.0, 130.0, 140.0);
    k.finish().to_vec()
}

/// Shows `s` at (x, y) in the CJK font, encoded as UCS-2 big-endian.
fn text(k: &mut Content, size: f32, x: f32, y: f32, s: &str) {
    let bytes: Vec<u8> = s
        .chars()
        .flat_map(|ch| {
            let u = u32::from(ch);
            let code = if u <= 0xFFFF { u as u16 } else { 0x3013 }; // 〓 for what UCS-2 can't hold
            code.to_be_bytes()
        })
        .collect();
    k.set_fill_rgb(0.0, 0.0, 0.0);
    k.begin_text();
    k.set_font(FONT, size);
    k.next_line(x, y);
    k.show(Str(&bytes));
    k.end_text();
}

/// The x at which `s` at `size` is centred (ASCII half width).
fn centred(s: &str, size: f32) -> f32 {
    let em: f32 = s
        .chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum();
    (WIDTH - em * size) / 2.0
}

/// Draws the QR code of `payload` as a `side`-point square at (x, y).
fn qr(k: &mut Content, payload: &str, x: f32, y: f32, side: f32) {
    let Ok(code) = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M) else {
        return;
    };
    let n = code.width();
    let quiet = 2;
    let cell = side / (n + 2 * quiet) as f32;
    k.set_fill_rgb(0.0, 0.0, 0.0);
    let colors = code.to_colors();
    for row in 0..n {
        for col in 0..n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let cx = x + (col + quiet) as f32 * cell;
                let cy = y + side - (row + quiet + 1) as f32 * cell;
                k.rect(cx, cy, cell, cell);
            }
        }
    }
    k.fill_nonzero();
}

fn date(ms: i64) -> String {
    to_rfc3339(ms).chars().take(10).collect()
}

fn status_zh(s: Status) -> &'static str {
    match s {
        Status::Valid => "有效",
        Status::Expired => "已过期",
        Status::Revoked => "已撤销",
        Status::Replaced => "已换发",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Grade;

    fn cert() -> Certificate {
        Certificate {
            tenant_id: "330106".into(),
            number: "浙AQBWHⅢ202600001".into(),
            application_id: "a".into(),
            enterprise_id: "e".into(),
            enterprise_uscc: "91330106MA2H2L2K2G".into(),
            enterprise_name: "杭州某某化工有限公司".into(),
            industry: "WH".into(),
            grade: Grade::Three,
            issued_at: 1_780_000_000_000,
            valid_until: 1_874_000_000_000,
            stored_status: "valid".into(),
            status_reason: None,
            issuer: "杭州市应急管理局".into(),
            canonical: "{}".into(),
            signature: "ab".repeat(64),
            key_id: "0011223344556677".into(),
        }
    }

    #[test]
    fn a_certificate_is_a_pdf_with_its_fields_in_ucs2() {
        let c = cert();
        let pdf = render(&c, Status::Valid, "ed25519", None);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"));
        // A text shown is the UCS-2 string as pdf-writer writes it.
        let hay = |needle: &str| {
            let enc: Vec<u8> = needle.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let mut k = Content::new();
            k.show(Str(&enc));
            let shown = k.finish().to_vec();
            pdf.windows(shown.len()).any(|w| w == shown.as_slice())
        };
        assert!(hay("杭州某某化工有限公司"));
        assert!(hay("浙AQBWHⅢ202600001"));
        assert!(hay("三级"), "the grade");
        let stsong = b"STSong-Light";
        assert!(pdf.windows(stsong.len()).any(|w| w == stsong));
    }

    #[test]
    fn the_qr_code_holds_the_number_and_signature() {
        let c = cert();
        let payload = qr_payload(&c, None);
        assert!(payload.starts_with("AQB1|浙AQBWHⅢ202600001|abab"));
        let link = qr_payload(&c, Some("https://aq.example.gov.cn/"));
        assert!(
            link.starts_with("https://aq.example.gov.cn/certificate-check?number=%E6%B5%99AQBWH"),
            "{link}"
        );
        assert!(
            link.ends_with(&format!("&signature={}", "ab".repeat(64))),
            "{link}"
        );
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).unwrap();
        assert!(code.width() >= 21);
    }
}
