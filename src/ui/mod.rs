//! The window: an eframe app over the project core.
//!
//! Shape (after egui_demo_lib and rerun's re_ui): plain structs with `*_ui` methods for
//! the panels, a [`command::Command`] enum that menus, buttons and keys push to during a
//! frame and that [`app::SourcemarkApp`] carries out after it, UI state kept apart from
//! the project data, and the project changed only through [`session::Session`] and so
//! through `edit::History::apply`.

use eframe::egui;

pub mod annotation_list;
pub mod app;
pub mod article;
pub mod autosave;
pub mod central;
pub mod command;
pub mod compare_chart;
pub mod compare_table;
pub mod compare_view;
pub mod config;
pub mod conflicts;
pub mod curation_view;
pub mod dialogs;
pub mod disk_merge;
pub mod doc_details;
pub mod doc_list;
pub mod export_dialog;
pub mod file_chooser;
pub mod find;
pub mod fonts;
pub mod import_dialog;
pub mod inspector;
pub mod keys;
pub mod link_mode;
pub mod links_panel;
pub mod list_keys;
pub mod menu;
pub mod notify;
pub mod palette;
pub mod passages;
pub mod pick;
pub mod preferences;
pub mod project_search;
pub mod recorded_conflicts;
pub mod relink;
pub mod session;
pub mod session_clusters;
pub mod session_conflicts;
pub mod session_curation;
pub mod session_import;
pub mod session_links;
pub mod session_passages;
mod session_ranges;
mod session_suggest;
pub mod status_bar;
pub mod suggestions;
#[cfg(test)]
pub(crate) mod test_support;

pub use app::{AppOptions, SourcemarkApp};

use std::path::PathBuf;

/// Opens the window on `project`, or on the last project, or on the start screen.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let opts = AppOptions::from_env(project);
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("sourcemark")
            .with_app_id("sourcemark")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "sourcemark",
        native,
        Box::new(|cc| Ok(Box::new(SourcemarkApp::new(&cc.egui_ctx, opts)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
