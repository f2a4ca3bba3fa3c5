//! Where each pane goes, computed once per resize or section change and
//! shared by `update` (which wraps text to the widths) and rendering: the
//! panes, the tabs' labels and the Overview's matrix grid.

use std::ops::Range;

use ratatui::layout::Rect;
use strum::EnumCount;

use super::section::Section;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width the list and detail panes are stacked.
pub const STACK_BELOW: u16 = 90;

/// The actor × issue matrix's name column and cells, in columns.
pub const MATRIX_NAME_WIDTH: u16 = 22;
pub const MATRIX_CELL_WIDTH: u16 = 3;
/// Rows below the grid that show the selected cell in words, when there is
/// room; the preview shrinks (to one row) before the grid shows fewer than
/// [`MATRIX_MIN_ROWS`] actors.
const MATRIX_PREVIEW: u16 = 5;
const MATRIX_MIN_ROWS: u16 = 8;

/// Where the Overview's matrix draws, inside the list pane's border.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatrixGrid {
    /// The header row of issue numbers, then one row per actor.
    pub grid: Rect,
    /// The selected cell's issue and stance.
    pub preview: Rect,
    /// Actor rows and issue columns shown (at least one of each, for the
    /// cursor arithmetic, even where none fits).
    pub rows: usize,
    pub columns: usize,
}

impl MatrixGrid {
    fn inside(pane: Rect) -> MatrixGrid {
        let inner = Rect::new(
            pane.x.saturating_add(1),
            pane.y.saturating_add(1),
            pane.width.saturating_sub(2),
            pane.height.saturating_sub(2),
        );
        let preview_height = inner
            .height
            .saturating_sub(1 + MATRIX_MIN_ROWS)
            .clamp(1, MATRIX_PREVIEW)
            .min(inner.height);
        let grid = Rect {
            height: inner.height - preview_height,
            ..inner
        };
        let preview = Rect {
            y: grid.bottom(),
            height: preview_height,
            ..inner
        };
        let rows = usize::from(grid.height.saturating_sub(1)).max(1);
        let columns =
            usize::from(grid.width.saturating_sub(MATRIX_NAME_WIDTH) / MATRIX_CELL_WIDTH).max(1);
        MatrixGrid {
            grid,
            preview,
            rows,
            columns,
        }
    }
}

/// The label of a section's tab, e.g. `3 Issues`.
pub fn tab_label(section: Section) -> String {
    format!("{} {}", section.index() + 1, section.title())
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppLayout {
    pub area: Rect,
    pub header: Rect,
    pub tabs: Rect,
    /// The columns of each section's tab label, in [`Section`] order.
    pub tab_spans: [Range<u16>; Section::COUNT],
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub matrix: MatrixGrid,
    pub stacked: bool,
    pub too_small: bool,
}

impl AppLayout {
    /// The panes for a screen of `area`, showing `section`, whose list
    /// would like `wanted` columns (0 when it does not matter): beside the
    /// detail pane a list gets its share of the width, or more, up to
    /// [`WIDEST_LIST`] percent, when its rows would be cut.
    pub fn compute(area: Rect, section: Section, wanted: u16) -> AppLayout {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        if too_small {
            return AppLayout {
                area,
                too_small,
                ..AppLayout::default()
            };
        }
        // Plain arithmetic, as ratatui's layout solver would place them (a
        // test holds the two together): the solver's first run is a
        // noticeable part of start-up.
        let row = |n: u16| Rect::new(area.x, area.y + n, area.width, 1);
        let (header, tabs, status) = (row(0), row(1), row(area.height - 1));
        let body = Rect::new(area.x, area.y + 2, area.width, area.height - 3);
        let stacked = area.width < STACK_BELOW;
        let [list, detail] = if stacked {
            let top = percent(body.height, stacked_list_share(section));
            [
                Rect::new(body.x, body.y, body.width, top),
                Rect::new(body.x, body.y + top, body.width, body.height - top),
            ]
        } else {
            let share = percent(body.width, list_share(section));
            let widest =
                percent(body.width, WIDEST_LIST).min(body.width.saturating_sub(KEEP_DETAIL));
            let left = share.max(wanted.min(widest));
            [
                Rect::new(body.x, body.y, left, body.height),
                Rect::new(body.x + left, body.y, body.width - left, body.height),
            ]
        };
        let mut tab_spans: [Range<u16>; Section::COUNT] = Default::default();
        let mut x = tabs.x;
        for (span, section) in tab_spans.iter_mut().zip(Section::all()) {
            let width = tab_label(section).chars().count() as u16;
            *span = x..x.saturating_add(width);
            x = span.end.saturating_add(1);
        }
        AppLayout {
            area,
            header,
            tabs,
            tab_spans,
            list,
            detail,
            status,
            matrix: MatrixGrid::inside(list),
            stacked,
            too_small,
        }
    }

    /// The section whose tab label covers column `x`.
    pub fn tab_at(&self, x: u16) -> Option<Section> {
        Section::all()
            .zip(&self.tab_spans)
            .find(|(_, span)| span.contains(&x))
            .map(|(section, _)| section)
    }

    /// Width for wrapped text inside the detail pane (borders and a margin off).
    pub fn detail_text_width(&self) -> u16 {
        self.detail.width.saturating_sub(4).max(1)
    }

    /// Rows of content inside a bordered pane.
    pub fn inner_height(pane: Rect) -> usize {
        usize::from(pane.height.saturating_sub(2))
    }
}

/// The list's share of the height, in percent, when the panes are stacked:
/// the Overview's matrix takes more, to show its actors.
fn stacked_list_share(section: Section) -> u16 {
    if section == Section::Overview { 60 } else { 40 }
}

/// The most of the width a list takes beside the detail pane, in percent,
/// leaving the detail pane at least `KEEP_DETAIL` columns.
pub const WIDEST_LIST: u16 = 55;
const KEEP_DETAIL: u16 = 70;

/// The list's share of the width, in percent, beside the detail pane (the
/// Overview's matrix takes half).
fn list_share(section: Section) -> u16 {
    if section == Section::Overview { 50 } else { 38 }
}

/// `share` percent of `length`, rounded to the nearest cell.
fn percent(length: u16, share: u16) -> u16 {
    ((u32::from(length) * u32::from(share) + 50) / 100) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    /// The panes as ratatui's layout solver places them, to check the
    /// arithmetic above against.
    fn solved(area: Rect, section: Section) -> [Rect; 6] {
        let [header, tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let [list, detail] = if area.width < STACK_BELOW {
            Layout::vertical([
                Constraint::Percentage(stacked_list_share(section)),
                Constraint::Fill(1),
            ])
            .areas(body)
        } else {
            Layout::horizontal([
                Constraint::Percentage(list_share(section)),
                Constraint::Fill(1),
            ])
            .areas(body)
        };
        [header, tabs, list, detail, status, area]
    }

    #[test]
    fn panes_fall_where_the_layout_solver_puts_them() {
        for width in MIN_WIDTH..=400 {
            for height in [MIN_HEIGHT, 11, 24, 37, 40, 50, 51, 99, 120] {
                for section in [Section::Overview, Section::Quotes] {
                    let area = Rect::new(0, 0, width, height);
                    let l = AppLayout::compute(area, section, 0);
                    assert_eq!(
                        [l.header, l.tabs, l.list, l.detail, l.status, l.area],
                        solved(area, section),
                        "{width}x{height} {section:?}"
                    );
                }
            }
        }
    }
}
