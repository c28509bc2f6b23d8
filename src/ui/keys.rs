//! The keyboard map: every [`UiCommand`] with its shortcuts, by group, then the keys
//! and gestures of the article itself, which are not commands (the caret, label keys,
//! Tab). Shown in Help → Keyboard shortcuts and written to the README's keyboard map
//! (a test keeps the two the same).

use eframe::egui;

use crate::ui::command::{Group, UiCommand, written};
use strum::IntoEnumIterator;

/// Keys that are not commands: (keys, what they do), under a heading row with empty
/// keys.
pub const GESTURES: &[(&str, &str)] = &[
    ("", "In the article"),
    (
        "Click",
        "Place the caret (or select the annotation clicked)",
    ),
    ("Drag", "Select text, snapped to whole words"),
    ("Alt+Drag", "Select text without snapping"),
    ("Double-click", "Select a word"),
    ("Shift+Click", "Extend the selection from the caret"),
    (
        "Left / Right",
        "Move the caret by a character (with a selection: to its start / end)",
    ),
    ("Ctrl+Left / Ctrl+Right", "Move the caret by a word"),
    (
        "Up / Down",
        "Move the caret by a line (without a caret: scroll by a line)",
    ),
    ("Home / End", "Caret to the start / end of its line"),
    (
        "Shift+Arrow keys, Shift+Home / Shift+End",
        "Extend the selection from the caret",
    ),
    ("PageDown / PageUp", "Scroll by a screen"),
    (
        "Ctrl+Home / Ctrl+End",
        "Go to the start / end of the article",
    ),
    ("", "Annotating"),
    (
        "1, 2, 3, …",
        "Tag the selected text with the label bound to that key (1 claim, 2 quote, 3 figure, 4 source by default); with annotations selected and no text selected, relabel them",
    ),
    (
        "Tab / Shift+Tab",
        "Select the next / previous annotation and bring it into view",
    ),
    (
        "Ctrl+Click an annotation",
        "Add it to the selection, or take it out (Shift+Click too, while annotations are selected)",
    ),
    (
        "Ctrl+Click / Shift+Click in the list",
        "Add one annotation / a run of annotations to the selection",
    ),
    (
        "Ctrl+Drag with an annotation selected",
        "Add the text dragged over to it as another range (a quote interrupted by “he said”)",
    ),
    (
        "Click a link's marker",
        "Select the other end of the link (above, below or in another document) and show it",
    ),
    (
        "While linking: click an annotation, or a digit in the kind chooser",
        "Choose the other end; choose one of the project's own kinds",
    ),
    ("", "In the find bar"),
    (
        "Enter / Shift+Enter",
        "Select the next / previous match and give the keyboard to the article, so a label key tags it",
    ),
    ("Escape", "Close the find bar"),
    ("", "In the merge conflicts window (Edit → Merge conflicts)"),
    (
        "O / T",
        "Keep ours / take theirs for the chosen conflict: one undo step each",
    ),
    ("↑ / ↓", "Choose the conflict"),
    (
        "Escape",
        "Close the window; the conflicts stay recorded in the file",
    ),
];

/// The shortcuts of a command as the map writes them ("Ctrl+Shift+Z or Ctrl+Y").
pub fn shortcut_list(cmd: UiCommand) -> String {
    cmd.shortcuts()
        .iter()
        .map(written)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Every row of the map: (heading, rows of (keys, what)).
pub fn sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut out = Vec::new();
    for g in Group::iter() {
        let rows: Vec<(String, &'static str)> = UiCommand::iter()
            .filter(|c| c.group() == g && !c.shortcuts().is_empty())
            .map(|c| (shortcut_list(c), c.tooltip()))
            .collect();
        if !rows.is_empty() {
            out.push((g.title(), rows));
        }
    }
    let mut heading = "";
    let mut rows = Vec::new();
    for (keys, what) in GESTURES {
        if keys.is_empty() {
            if !heading.is_empty() {
                out.push((heading, std::mem::take(&mut rows)));
            }
            heading = what;
        } else {
            rows.push(((*keys).to_owned(), *what));
        }
    }
    out.push((heading, rows));
    out
}

/// The key map as Markdown, for the README.
pub fn markdown() -> String {
    let mut out = String::from(
        "## Keyboard map\n\nOn macOS, Cmd takes the place of Ctrl. Label keys, Delete, Escape, undo, \
         the arrow keys and Tab act on the article only while no text field has the keyboard. \
         Ctrl+Shift+P (or Ctrl+K) lists every command, shortcut or not.\n",
    );
    for (heading, rows) in sections() {
        out.push_str(&format!(
            "\n### {heading}\n\n| Keys | Action |\n|------|--------|\n"
        ));
        for (keys, what) in rows {
            out.push_str(&format!("| {keys} | {what} |\n"));
        }
    }
    out
}

/// Draws the key map (for the Help window): one grid, so the columns line up.
pub fn key_map_ui(ui: &mut egui::Ui) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("key-map")
                .num_columns(2)
                .striped(true)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for (heading, rows) in sections() {
                        ui.label(egui::RichText::new(heading).strong().size(15.0));
                        ui.end_row();
                        for (keys, what) in rows {
                            ui.monospace(keys);
                            ui.add(egui::Label::new(what).wrap());
                            ui.end_row();
                        }
                    }
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shortcut the keyboard acts on is in the map (and so in Help and the
    /// README), written as the map writes it.
    #[test]
    fn every_command_shortcut_is_in_the_key_map() {
        let md = markdown();
        for cmd in UiCommand::iter() {
            for sc in cmd.shortcuts() {
                let text = written(sc);
                assert!(
                    md.contains(&text),
                    "{} ({text}) is missing from the key map",
                    cmd.text()
                );
            }
        }
    }
}
