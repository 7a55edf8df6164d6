//! A horizontal bar chart drawn as SVG on the server, with its text
//! alternative: the SVG is an image named by its heading and described by
//! a summary, and the same figures follow in a table any reader can use.

use leptos::prelude::*;

/// One bar: its label and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

const WIDTH: u32 = 640;
/// Each bar has its label on a line above it, so long labels are not cut.
const ROW: u32 = 40;
const BAR_SPACE: u32 = WIDTH - 80;
/// Labels longer than this are shortened in the drawing (the table has them whole).
const LABEL_CHARS: usize = 90;

fn shortened(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
    s.push('…');
    s
}

#[component]
pub fn BarChart(
    /// Unique on the page: ids of the title and summary derive from it.
    id: &'static str,
    title: String,
    summary: String,
    /// The table's column heads: label, value.
    heads: (String, String),
    bars: Vec<Bar>,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * (bars.len() as u32).max(1) + 8;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = 4 + ROW * i as u32;
            let w = ((b.value as f64 / max as f64) * f64::from(BAR_SPACE)).round() as u32;
            view! {
                <g>
                    <text x=0 y=y + 13 class="chart-label">{shortened(&b.label)}</text>
                    <rect x=0 y=y + 18 width=w.max(1) height=16 class="chart-bar"></rect>
                    <text x=w + 6 y=y + 31 class="chart-value">{b.value}</text>
                </g>
            }
        })
        .collect_view();
    let table_rows = bars
        .into_iter()
        .map(|b| view! { <tr><th scope="row">{b.label}</th><td>{b.value}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart" data-testid=id>
            <h2 id=title_id.clone()>{title.clone()}</h2>
            <svg
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {height}")
                width="100%"
                preserveAspectRatio="xMinYMin meet"
            >
                <title>{title}</title>
                <desc id=desc_id>{summary}</desc>
                {rows}
            </svg>
            <table class="uses chart-data">
                <thead><tr><th scope="col">{heads.0}</th><th scope="col">{heads.1}</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}
