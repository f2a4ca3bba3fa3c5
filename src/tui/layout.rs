//! Where each pane goes, computed once per resize or section change and
//! shared by `update` (which wraps text to the widths) and rendering.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::Section;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width the list and detail panes are stacked.
pub const STACK_BELOW: u16 = 90;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AppLayout {
    pub area: Rect,
    pub header: Rect,
    pub tabs: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub stacked: bool,
    pub too_small: bool,
}

impl AppLayout {
    pub fn compute(area: Rect, section: Section) -> AppLayout {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        if too_small {
            return AppLayout {
                area,
                too_small,
                ..AppLayout::default()
            };
        }
        let [header, tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let stacked = area.width < STACK_BELOW;
        let [list, detail] = if stacked {
            Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body)
        } else {
            let share = if section == Section::Overview { 50 } else { 38 };
            Layout::horizontal([Constraint::Percentage(share), Constraint::Fill(1)]).areas(body)
        };
        AppLayout {
            area,
            header,
            tabs,
            list,
            detail,
            status,
            stacked,
            too_small,
        }
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
