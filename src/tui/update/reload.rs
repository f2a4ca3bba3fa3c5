//! Reading the briefing again (`r`, or a watched file that changed), and
//! the work done while waiting for input.

use crate::tui::app::{App, Effect, MessageKind, Overlay};

/// Reads the briefing file again. An invalid file leaves the last good
/// version on screen, with the errors in a panel.
pub fn reload(app: &mut App) {
    let Some(path) = app.source.clone() else {
        app.set_message(
            "The built-in briefing has no file to reload",
            MessageKind::Info,
        );
        return;
    };
    app.modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    // The new version's signature is checked again, before it is shown.
    let checked = app
        .signers
        .as_ref()
        .map(|signers| crate::signature::Verification::of(&path, signers));
    if let Some(checked) = &checked
        && app.require_signature
        && !checked.state.is_trusted()
    {
        app.set_message(
            format!(
                "Not reloaded: the file is {} (require_signature is set); still showing the version opened",
                checked.state.describe()
            ),
            MessageKind::Error,
        );
        return;
    }
    match crate::Briefing::load(&path) {
        Ok(briefing) => {
            if checked.is_some() {
                app.signature = checked;
            }
            app.replace_briefing(briefing);
            if matches!(app.overlay, Some(Overlay::Errors { .. })) {
                app.overlay = None;
            }
            let alarm = app
                .signature
                .as_ref()
                .filter(|c| c.state.level() == crate::signature::Level::Alarm)
                .map(|c| c.state.describe());
            match (alarm, app.review.notice.take()) {
                (Some(alarm), _) => {
                    app.set_message(format!("Reloaded: {alarm}"), MessageKind::Error)
                }
                (None, Some(notice)) => app.set_message(notice, MessageKind::Warning),
                (None, None) => app.set_message("Reloaded", MessageKind::Info),
            }
        }
        Err(report) => {
            app.overlay = Some(Overlay::Errors {
                text: report.render(),
                scroll: 0,
            });
            app.set_message(
                "The file has errors: still showing the last good version",
                MessageKind::Error,
            );
        }
    }
}

/// Work done while waiting for input: retrying a failed save, and noticing
/// that a watched file changed. Asks for a redraw when the screen changed.
pub(super) fn tick(app: &mut App) -> Option<Effect> {
    let had_error = app.review.save_error.is_some();
    app.review.retry();
    let mut redraw = had_error && app.review.save_error.is_none();
    if redraw {
        app.set_message("Review changes saved", MessageKind::Info);
    }
    if app.watch
        && let Some(path) = &app.source
    {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        if modified.is_some() && modified != app.modified {
            reload(app);
            redraw = true;
        }
    }
    // Where the reader is, kept now and then (it is also kept on quitting
    // and on a signal): a terminal that closes loses at most a moment.
    if app
        .place_saved
        .is_none_or(|t| t.elapsed() >= std::time::Duration::from_secs(1))
    {
        app.place_saved = Some(std::time::Instant::now());
        let place = app.place();
        app.review.set_place(place);
    }
    redraw.then_some(Effect::Redraw)
}
