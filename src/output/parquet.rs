//! Parquet copies of the long tables (`--format both` or `parquet`).
//!
//! CSV stays the reference format: every table is written as CSV first
//! (byte-identical across shards and thread counts, read strictly by
//! [`read`](super::read)), then each long table present in the results
//! folder is streamed into a Parquet file of the same name beside it. The
//! values are the CSV's: text columns as UTF-8 strings (dictionary-encoded,
//! so their repetition costs almost nothing), `replicate` and `n` as 64-bit
//! integers, every other column as a 64-bit float with `NA` as null (a
//! float parsed from the CSV's shortest round-trip text is the value
//! carescale computed, bit for bit). Rows go in the CSV's order, in row
//! groups of [`ROWS_PER_GROUP`] rows, compressed with Snappy; memory holds
//! one row group, however long the table. Each file is written atomically.

use super::read::{damaged, number, DAMAGED_HINT};
use crate::error::{Error, Result};
use crate::files::AtomicFile;
use ::parquet::basic::Compression;
use ::parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use ::parquet::file::properties::WriterProperties;
use ::parquet::file::writer::SerializedFileWriter;
use ::parquet::schema::parser::parse_message_type;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which formats the long tables are written in (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// CSV only (the default).
    #[default]
    Csv,
    /// CSV and, beside each long table, a Parquet file of the same name.
    Both,
    /// The monthly series (`timeseries.csv`, `timeseries_groups.csv`) as
    /// Parquet only; the run-level tables in both formats, because every
    /// command that reads a results folder reads them as CSV.
    Parquet,
}

impl Format {
    /// The name given on the command line and recorded in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Both => "both",
            Format::Parquet => "parquet",
        }
    }
}

/// The long tables a results folder may hold, in the order they are
/// converted.
pub const TABLES: [&str; 5] = [
    "timeseries.csv",
    "timeseries_groups.csv",
    "runs.csv",
    "summary.csv",
    "comparisons.csv",
];

/// The monthly series, which `--format parquet` keeps as Parquet only.
pub const MONTHLY: [&str; 2] = ["timeseries.csv", "timeseries_groups.csv"];

/// Rows per row group: bounds the memory of a conversion (a row group of
/// the widest table is a few megabytes) while keeping groups large enough
/// to compress well.
pub const ROWS_PER_GROUP: usize = 32_768;

/// How a column is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Integer,
    Float,
}

fn kind(column: &str) -> Kind {
    match column {
        "cell" | "scenario" | "site" | "group" | "period" | "metric" => Kind::Text,
        "replicate" | "n" => Kind::Integer,
        _ => Kind::Float,
    }
}

/// The values of one column in the current row group.
enum Column {
    /// Strings, each distinct one shared (the cache maps text to its value).
    Text(Vec<ByteArray>, BTreeMap<Box<[u8]>, ByteArray>),
    Integer(Vec<i64>),
    /// Present values and a definition level per row (0 for `NA`).
    Float(Vec<f64>, Vec<i16>),
}

impl Column {
    fn new(kind: Kind) -> Column {
        match kind {
            Kind::Text => Column::Text(Vec::new(), BTreeMap::new()),
            Kind::Integer => Column::Integer(Vec::new()),
            Kind::Float => Column::Float(Vec::new(), Vec::new()),
        }
    }

    fn clear(&mut self) {
        match self {
            // The cache is kept: the distinct strings of a table are few.
            Column::Text(v, _) => v.clear(),
            Column::Integer(v) => v.clear(),
            Column::Float(v, d) => {
                v.clear();
                d.clear();
            }
        }
    }
}

/// Write the Parquet copies of the long tables in `dir` for `format`: for
/// each table of [`TABLES`] present, `NAME.parquet` beside `NAME.csv`; with
/// [`Format::Parquet`], the monthly series' CSV files are then removed.
/// Returns the Parquet files written. Nothing is done for [`Format::Csv`].
pub fn write_tables(dir: &Path, format: Format) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    if format == Format::Csv {
        return Ok(written);
    }
    for name in TABLES {
        let csv = dir.join(name);
        if !csv.is_file() {
            continue;
        }
        let out = csv.with_extension("parquet");
        convert(&csv, &out)?;
        written.push(out);
    }
    if format == Format::Parquet {
        for name in MONTHLY {
            let csv = dir.join(name);
            if csv.is_file() {
                std::fs::remove_file(&csv)
                    .map_err(|e| Error::io(&csv, e, "check permissions of the output folder"))?;
            }
        }
    }
    Ok(written)
}

/// Stream the long CSV table `csv` into the Parquet file `out` (written
/// atomically), with the schema its header gives.
pub fn convert(csv: &Path, out: &Path) -> Result<()> {
    let meta = std::fs::metadata(csv)
        .map_err(|e| Error::io(csv, e, "check the results folder is complete"))?;
    if !meta.is_file() {
        return Err(Error::io(csv, "is not a regular file", DAMAGED_HINT));
    }
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(csv)
        .map_err(|e| Error::io(csv, e, "check the results folder is complete"))?;
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::io(csv, e, DAMAGED_HINT))?
        .iter()
        .map(str::to_string)
        .collect();
    let kinds: Vec<Kind> = header.iter().map(|c| kind(c)).collect();
    if header.is_empty()
        || header
            .iter()
            .any(|c| c.is_empty() || !c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    {
        return Err(damaged(
            csv,
            1,
            0,
            "",
            "the header is not a carescale table's (snake_case column names)".to_string(),
        ));
    }
    let schema = parse_message_type(&message_type(&header, &kinds)).map_err(|e| {
        Error::io(
            out,
            e,
            "report this as a bug: the schema is built from the header",
        )
    })?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("carescale {}", env!("CARGO_PKG_VERSION")))
        .build();
    let file = AtomicFile::create(out)?;
    let pq = |e: ::parquet::errors::ParquetError| {
        Error::io(out, e, "check the folder is writable and the disk has room")
    };
    let mut w = SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).map_err(pq)?;
    let mut cols: Vec<Column> = kinds.iter().map(|&k| Column::new(k)).collect();
    let mut rows = 0usize;
    let mut rec = ::csv::StringRecord::new();
    loop {
        let more = rdr
            .read_record(&mut rec)
            .map_err(|e| Error::io(csv, e, DAMAGED_HINT))?;
        if !more {
            break;
        }
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() != header.len() {
            return Err(damaged(
                csv,
                line,
                rec.len().min(header.len()),
                "",
                format!("{} fields where the header has {}", rec.len(), header.len()),
            ));
        }
        for (i, (field, col)) in rec.iter().zip(cols.iter_mut()).enumerate() {
            match col {
                Column::Text(v, cache) => {
                    let value = match cache.get(field.as_bytes()) {
                        Some(b) => b.clone(),
                        None => {
                            let b = ByteArray::from(field.as_bytes().to_vec());
                            cache.insert(field.as_bytes().into(), b.clone());
                            b
                        }
                    };
                    v.push(value);
                }
                Column::Integer(v) => {
                    let n: i64 = field.parse().map_err(|_| {
                        damaged(
                            csv,
                            line,
                            i,
                            &header[i],
                            format!("`{}` is not a whole number", crate::error::short(field)),
                        )
                    })?;
                    v.push(n);
                }
                Column::Float(v, d) => {
                    let x = number(csv, line, i, &header[i], field)?;
                    if x.is_nan() {
                        d.push(0);
                    } else {
                        d.push(1);
                        v.push(x);
                    }
                }
            }
        }
        rows += 1;
        if rows == ROWS_PER_GROUP {
            write_group(&mut w, &mut cols).map_err(pq)?;
            rows = 0;
        }
    }
    if rows > 0 {
        write_group(&mut w, &mut cols).map_err(pq)?;
    }
    let file = w.into_inner().map_err(pq)?;
    file.finish()
}

/// The Parquet schema of a table with these columns.
fn message_type(header: &[String], kinds: &[Kind]) -> String {
    let mut s = String::from("message carescale {\n");
    for (name, k) in header.iter().zip(kinds) {
        let field = match k {
            Kind::Text => format!("  required binary {name} (STRING);\n"),
            Kind::Integer => format!("  required int64 {name};\n"),
            Kind::Float => format!("  optional double {name};\n"),
        };
        s.push_str(&field);
    }
    s.push('}');
    s
}

/// Write the buffered rows as one row group and clear the buffers.
fn write_group(
    w: &mut SerializedFileWriter<AtomicFile>,
    cols: &mut [Column],
) -> ::parquet::errors::Result<()> {
    let mut rg = w.next_row_group()?;
    for col in cols.iter_mut() {
        let Some(mut cw) = rg.next_column()? else {
            return Err(::parquet::errors::ParquetError::General(
                "fewer columns in the schema than in the table".into(),
            ));
        };
        match col {
            Column::Text(v, _) => {
                cw.typed::<ByteArrayType>().write_batch(v, None, None)?;
            }
            Column::Integer(v) => {
                cw.typed::<Int64Type>().write_batch(v, None, None)?;
            }
            Column::Float(v, d) => {
                cw.typed::<DoubleType>().write_batch(v, Some(d), None)?;
            }
        }
        cw.close()?;
        col.clear();
    }
    rg.close()?;
    Ok(())
}
