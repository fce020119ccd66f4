//! Export of the register in the exchange format, with the list's filters.

use crate::exchange::{self, CsvOut, Format, XlsxOut};
use crate::record;
use crate::service::{self, Filter, Sort};
use anjian_platform::db::Tx;
use anjian_platform::{Error, Result};
use std::io::Write;

/// Writes every enterprise matching `filter` to `out`; returns the count.
pub async fn write<W: Write>(
    tx: &mut Tx,
    filter: &Filter,
    format: Format,
    out: W,
) -> Result<usize> {
    let mut n = 0usize;
    match format {
        Format::Xlsx => {
            let mut w = XlsxOut::new(&exchange::header(true)).map_err(Error::internal)?;
            each(tx, filter, |raw| {
                w.write_row(&exchange::cells_of(raw))
                    .map_err(Error::internal)?;
                n += 1;
                Ok(())
            })
            .await?;
            let mut out = out;
            out.write_all(&w.finish().map_err(Error::internal)?)
                .map_err(Error::internal)?;
        }
        Format::Csv => {
            let mut w = CsvOut::new(out, true, &[]).map_err(Error::internal)?;
            each(tx, filter, |raw| {
                w.write(raw, &[]).map_err(Error::internal)?;
                n += 1;
                Ok(())
            })
            .await?;
            w.finish().map_err(Error::internal)?;
        }
        Format::JsonLines => {
            let mut w = std::io::BufWriter::new(out);
            each(tx, filter, |raw| {
                serde_json::to_writer(&mut w, raw)?;
                w.write_all(b"\n").map_err(Error::internal)?;
                n += 1;
                Ok(())
            })
            .await?;
            w.flush().map_err(Error::internal)?;
        }
    }
    Ok(n)
}

async fn each(
    tx: &mut Tx,
    filter: &Filter,
    mut f: impl FnMut(&crate::exchange::Raw) -> Result<()>,
) -> Result<()> {
    let page = 1000;
    let mut offset = 0;
    loop {
        let (list, _) = service::list(tx, filter, Sort::Uscc, false, page, offset).await?;
        for s in &list {
            f(&record::to_raw(&s.record))?;
        }
        if (list.len() as i64) < page {
            return Ok(());
        }
        offset += page;
    }
}
