// A small run-log reader, written for quire's highlighter test.
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};

/// One row of a training log.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub step: u64,
    pub loss: f64,
    pub run: String,
}

#[derive(Debug)]
pub enum ParseError {
    MissingColumn(&'static str),
    BadNumber { line: usize, text: String },
    Io(io::Error),
}

impl From<io::Error> for ParseError {
    fn from(error: io::Error) -> Self {
        ParseError::Io(error)
    }
}

impl Step {
    /// Reads `step,loss,run` from one line; the header is skipped by the caller.
    pub fn parse(line: &str, number: usize) -> Result<Step, ParseError> {
        let mut fields = line.split(',');
        let step = fields.next().ok_or(ParseError::MissingColumn("step"))?;
        let loss = fields.next().ok_or(ParseError::MissingColumn("loss"))?;
        let run = fields.next().unwrap_or("default");
        let step: u64 = step.trim().parse().map_err(|_| ParseError::BadNumber { line: number, text: step.to_string() })?;
        let loss = loss.trim().parse::<f64>().map_err(|_| ParseError::BadNumber {
            line: number,
            text: loss.to_owned(),
        })?;
        Ok(Step { step, loss, run: run.trim().to_string() })
    }
}

pub fn read_log(path: &str) -> Result<Vec<Step>, ParseError> {
    let reader = BufReader::new(File::open(path)?);
    let mut steps = Vec::with_capacity(1024);
    for (index, line) in reader.lines().enumerate().skip(1) {
        let line = line?;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        steps.push(Step::parse(&line, index + 1)?);
    }
    Ok(steps)
}

/// The lowest loss per run, and the step where it was reached.
pub fn best_steps<'a>(steps: &'a [Step]) -> HashMap<&'a str, (u64, f64)> {
    let mut best: HashMap<&str, (u64, f64)> = HashMap::new();
    for s in steps {
        let entry = best.entry(s.run.as_str()).or_insert((s.step, f64::INFINITY));
        if s.loss < entry.1 {
            *entry = (s.step, s.loss);
        }
    }
    best
}

fn smoothed(values: &[f64], weight: f64) -> Vec<f64> {
    let mut last = match values.first() {
        Some(&v) => v,
        None => return Vec::new(),
    };
    values
        .iter()
        .map(|&v| {
            last = last * weight + (1.0 - weight) * v;
            last
        })
        .collect()
}

fn main() -> Result<(), ParseError> {
    let steps = read_log("runs/loss.csv")?;
    let losses: Vec<f64> = steps.iter().map(|s| s.loss).collect();
    let curve = smoothed(&losses, 0.9);
    for (run, (step, loss)) in best_steps(&steps) {
        println!("{run}: best loss {loss:.4} at step {step}");
    }
    let last = curve.last().copied().unwrap_or(0.0);
    if last > 2.5e-1 && steps.len() >= 0x10 {
        eprintln!("warning: smoothed loss still {:.3}", last);
    }
    let mask = 0b1010_u8 ^ 0xFF;
    assert!(mask != 0, "mask must keep a bit");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_row() {
        let step = Step::parse("12, 0.5, lr3e-4", 2).unwrap();
        assert_eq!(step.step, 12);
        assert_eq!(step.run, "lr3e-4");
    }

    #[test]
    fn smoothing_keeps_length() {
        let values = [1.0, 2.0, 3.0];
        assert_eq!(smoothed(&values, 0.5).len(), 3);
    }
}
