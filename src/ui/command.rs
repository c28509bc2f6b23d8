//! Everything a person can ask of the window, described once (after rerun's
//! `UICommand`): [`UiCommand`] is a `Copy` enum that can be listed, each with its text,
//! tooltip and shortcuts (primary first). The menus, the command palette, Help →
//! Keyboard shortcuts and the README's keyboard map all read it. Requests that carry
//! data (a path, an annotation, a selection) are internal [`Command`]s apart from it.
//! Menus, buttons and keys only push commands; the app drains them after the frame, so
//! one code path runs whichever way a command came.

use eframe::egui;

use crate::model::{Annotation, AnnotationId, DocId, DocStatus, Document};
use crate::selection::Selection;
use crate::ui::session::Nudge;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;
use strum::IntoEnumIterator;

/// A command a person can give by menu, palette or shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum UiCommand {
    /// Create a project file (asks where).
    NewProject,
    /// Open a project file (asks which).
    OpenProject,
    /// Add article files (asks which).
    AddArticles,
    /// Save the project.
    Save,
    /// Save the project under another name (asks where).
    SaveAs,
    /// Read the project file again from disk.
    ReloadFromDisk,
    /// Import annotations from another tool (asks what).
    Import,
    /// Show the export dialog.
    Export,
    /// Close the project.
    CloseProject,
    /// Quit the application.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Delete the selected annotations.
    DeleteAnnotation,
    /// Move the selected annotation's start one word left.
    StartLeft,
    /// Move the selected annotation's start one word right.
    StartRight,
    /// Move the selected annotation's end one word left.
    EndLeft,
    /// Move the selected annotation's end one word right.
    EndRight,
    /// Clear the selection and the find bar.
    Escape,
    /// Show the details form of the current document.
    EditDocumentDetails,
    /// Read the article files outside the project's folder, which the project names.
    ReadOutsideArticles,
    /// Show the find bar.
    Find,
    /// Next find match.
    FindNext,
    /// Previous find match.
    FindPrevious,
    /// Search every document and annotation of the project.
    SearchProject,
    /// Next document.
    NextDocument,
    /// Previous document.
    PreviousDocument,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Default article text size.
    ZoomReset,
    /// Follow the system's light or dark theme.
    ThemeSystem,
    /// Light theme.
    ThemeLight,
    /// Dark theme.
    ThemeDark,
    /// Show or hide the document list.
    ToggleDocuments,
    /// Show or hide the annotation panel.
    ToggleAnnotations,
    /// Set the annotator's name and other preferences.
    Preferences,
    /// List every command, filtered as you type.
    CommandPalette,
    /// Show the keyboard map.
    ShowKeys,
    /// Start a link from the selected annotation: the next one chosen is its other end.
    StartLink,
    /// While choosing a link's other end: the selected annotation is it.
    LinkToSelected,
    /// While choosing a link's kind: said by.
    LinkSaidBy,
    /// While choosing a link's kind: supports.
    LinkSupports,
    /// While choosing a link's kind: same as.
    LinkSameAs,
    /// Add the default `source` label to a project made before it was one.
    AddSourceLabel,
    /// Show or hide the comparison of sources.
    ToggleCompare,
    /// Name a new cluster holding the selected annotations.
    NewClusterFromSelection,
    /// Add the selected annotations to the cluster the comparison shows.
    AddToCluster,
    /// Take the selected annotations out of the cluster the comparison shows.
    RemoveFromCluster,
    /// Copy the annotations of the shared passage under the caret to the other
    /// documents that share it.
    CarryAnnotations,
    /// Curate this project against another annotator's copy of it (asks which file).
    CurateAgainstProject,
    /// Curate two annotators of this project (asks which two when there are more).
    CurateAnnotators,
    /// While curating: the next place the annotators differ that is not settled.
    NextDisagreement,
    /// While curating: the previous such place.
    PreviousDisagreement,
    /// While curating: take A's version of the current place.
    TakeA,
    /// While curating: take B's version of the current place.
    TakeB,
    /// End the curation (every choice made stays in the project).
    EndCuration,
    /// Start or end reviewing the suggestions of the document shown.
    ReviewSuggestions,
    /// While reviewing: the next suggestion.
    NextSuggestion,
    /// While reviewing: the previous suggestion.
    PreviousSuggestion,
    /// While reviewing: make the suggestion an annotation.
    AcceptSuggestion,
    /// While reviewing: reject the suggestion; it is not proposed again.
    RejectSuggestion,
    /// While reviewing: accept every suggestion of this one's label in the document.
    AcceptAllSuggested,
    /// Name a spaCy/Prodigy pattern file whose patterns suggest spans (asks which).
    AddPatternFile,
    /// Show the merge conflicts the project file records, to settle them.
    MergeConflicts,
}

/// Where a command belongs: its menu, and its heading in the keyboard map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Group {
    /// File menu.
    File,
    /// Edit menu: undo and the selected annotation.
    Edit,
    /// Finding text.
    Find,
    /// View menu: documents, text size, theme, panels.
    View,
    /// Help menu.
    Help,
    /// Links between annotations.
    Links,
    /// Comparing sources: clusters and the comparison view.
    Compare,
    /// Curating two annotators' work.
    Curate,
    /// Suggestions by rules and patterns.
    Suggest,
}

impl Group {
    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::File => "Files",
            Group::Edit => "Editing",
            Group::Find => "Find",
            Group::View => "View",
            Group::Help => "Help",
            Group::Links => "Links",
            Group::Compare => "Compare",
            Group::Curate => "Curate",
            Group::Suggest => "Suggest",
        }
    }
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const ALT_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::ALT
};

/// A shortcut as a constant expression, so that lists of them are `'static`.
macro_rules! k {
    ($m:expr, $key:ident) => {
        KeyboardShortcut {
            modifiers: $m,
            logical_key: Key::$key,
        }
    };
}

impl UiCommand {
    /// Menu and palette text.
    pub fn text(self) -> &'static str {
        use UiCommand::*;
        match self {
            NewProject => "New project…",
            OpenProject => "Open project…",
            AddArticles => "Add articles…",
            Save => "Save",
            SaveAs => "Save as…",
            ReloadFromDisk => "Reload from disk",
            Import => "Import…",
            Export => "Export…",
            CloseProject => "Close project",
            Quit => "Quit",
            Undo => "Undo",
            Redo => "Redo",
            DeleteAnnotation => "Delete annotation",
            StartLeft => "Start one word left",
            StartRight => "Start one word right",
            EndLeft => "End one word left",
            EndRight => "End one word right",
            Escape => "Clear selection",
            EditDocumentDetails => "Document details…",
            ReadOutsideArticles => "Read files outside the project folder",
            Find => "Find…",
            FindNext => "Find next",
            FindPrevious => "Find previous",
            SearchProject => "Search project…",
            NextDocument => "Next document",
            PreviousDocument => "Previous document",
            ZoomIn => "Larger text",
            ZoomOut => "Smaller text",
            ZoomReset => "Default text size",
            ThemeSystem => "Theme: follow system",
            ThemeLight => "Theme: light",
            ThemeDark => "Theme: dark",
            ToggleDocuments => "Show or hide documents",
            ToggleAnnotations => "Show or hide annotations",
            Preferences => "Preferences…",
            CommandPalette => "Command palette…",
            ShowKeys => "Keyboard shortcuts",
            StartLink => "Link to…",
            LinkToSelected => "Link to the selected annotation",
            LinkSaidBy => "Link kind: said by",
            LinkSupports => "Link kind: supports",
            LinkSameAs => "Link kind: same as",
            AddSourceLabel => "Add the source label",
            ToggleCompare => "Compare sources",
            NewClusterFromSelection => "New cluster from selection…",
            AddToCluster => "Add selection to cluster",
            RemoveFromCluster => "Remove selection from cluster",
            CarryAnnotations => "Carry annotations to the other outlet",
            CurateAgainstProject => "Curate against another project…",
            CurateAnnotators => "Curate two annotators…",
            NextDisagreement => "Next disagreement",
            PreviousDisagreement => "Previous disagreement",
            TakeA => "Take A's version",
            TakeB => "Take B's version",
            EndCuration => "End curation",
            ReviewSuggestions => "Review suggestions",
            NextSuggestion => "Next suggestion",
            PreviousSuggestion => "Previous suggestion",
            AcceptSuggestion => "Accept suggestion",
            RejectSuggestion => "Reject suggestion",
            AcceptAllSuggested => "Accept all of this label here",
            AddPatternFile => "Add pattern file…",
            MergeConflicts => "Merge conflicts…",
        }
    }

    /// What the command does, for tooltips, the palette and the keyboard map.
    pub fn tooltip(self) -> &'static str {
        use UiCommand::*;
        match self {
            NewProject => "Create an empty project file",
            OpenProject => "Open a project file",
            AddArticles => "Add article text files to the project",
            Save => "Save the project",
            SaveAs => "Save the project under another name",
            ReloadFromDisk => {
                "Read the project file again (asks first when there are unsaved changes, offering a merge)"
            }
            Import => "Import annotations from another tool (jsonl, doccano, Label Studio, brat)",
            Export => "Export annotations as a dataset",
            CloseProject => "Close the project",
            Quit => "Quit sourcemark",
            Undo => "Undo the last change",
            Redo => "Redo the last undone change",
            DeleteAnnotation => "Delete the selected annotations",
            StartLeft => "Move the selected annotation's start one word left",
            StartRight => "Move the selected annotation's start one word right",
            EndLeft => "Move the selected annotation's end one word left",
            EndRight => "Move the selected annotation's end one word right",
            Escape => "Clear the selection and close the find bar",
            EditDocumentDetails => "Title, outlet, author, URL, date and language of this document",
            ReadOutsideArticles => "Read the article files this project names outside its folder",
            Find => "Find in the article",
            FindNext => "Next match, selected so a label key tags it",
            FindPrevious => "Previous match, selected",
            SearchProject => {
                "Search every document's text and every annotation's text, note and attributes"
            }
            NextDocument => "Show the next document",
            PreviousDocument => "Show the previous document",
            ZoomIn => "Larger article text",
            ZoomOut => "Smaller article text",
            ZoomReset => "Default article text size",
            ThemeSystem => "Follow the system's light or dark theme",
            ThemeLight => "Use the light theme",
            ThemeDark => "Use the dark theme",
            ToggleDocuments => "Show or hide the document list (the article gets the room)",
            ToggleAnnotations => "Show or hide the annotation list and inspector",
            Preferences => "Your name on new annotations",
            CommandPalette => "Find and run any command by name",
            ShowKeys => "Show every keyboard shortcut",
            StartLink => {
                "Link the selected annotation to another: click it (or Tab to it and press Enter), then press the kind's key; Escape cancels"
            }
            LinkToSelected => "While linking: the selected annotation is the other end",
            LinkSaidBy => {
                "While choosing the kind: said by (a quote, claim or figure to its source)"
            }
            LinkSupports => "While choosing the kind: supports (a figure to the claim it supports)",
            LinkSameAs => "While choosing the kind: same as (the same claim in another outlet)",
            AddSourceLabel => {
                "Add the label for sources (people or organisations quoted), key 4 when free, to this project's scheme"
            }
            ToggleCompare => {
                "Show or hide the comparison: a cluster's annotations side by side by outlet, with a chart of its figures"
            }
            NewClusterFromSelection => {
                "Group the selected annotations (and what is the same as them) in a new cluster: type its name, press Enter"
            }
            AddToCluster => {
                "Add the selected annotations (and what is the same as them) to the cluster the comparison shows"
            }
            RemoveFromCluster => {
                "Take the selected annotations out of the cluster the comparison shows"
            }
            CarryAnnotations => {
                "Copy the annotations of the shared passage under the caret (a bar in the left margin) to the other outlets that print it, each linked same-as to its original"
            }
            CurateAgainstProject => {
                "Open another annotator's copy of this project beside it: each span is marked agreed or how it differs, and you settle each difference; the result is this project"
            }
            CurateAnnotators => {
                "Compare two annotators of this project span by span and settle where they differ (taking one's version deletes the other's)"
            }
            NextDisagreement => {
                "Go to the next place the two annotators differ that is not settled"
            }
            PreviousDisagreement => {
                "Go to the previous place the two annotators differ that is not settled"
            }
            TakeA => "Make this project hold A's version of the current place (one undo step)",
            TakeB => "Make this project hold B's version of the current place (one undo step)",
            EndCuration => "Close the curation panel; every choice made stays in the project",
            ReviewSuggestions => {
                "Step through the figures, quotes (with their speakers) and claims that rules and your pattern files find in this document; none is saved until you accept it"
            }
            NextSuggestion => "While reviewing: the next suggestion",
            PreviousSuggestion => "While reviewing: the previous suggestion",
            AcceptSuggestion => {
                "While reviewing: make the suggestion an annotation, with its speaker and link (a label key accepts it as that label)"
            }
            RejectSuggestion => {
                "While reviewing: reject the suggestion; the project remembers, and it is not proposed again"
            }
            AcceptAllSuggested => {
                "While reviewing: accept every suggestion in this document with the label of the one shown, as one undo step"
            }
            AddPatternFile => {
                "Name a spaCy/Prodigy patterns file (JSONL: phrase or token patterns with a label) whose matches are suggested"
            }
            MergeConflicts => {
                "Show the conflicts a git merge recorded in the project file, and settle each with one key: O keeps ours, T takes theirs"
            }
        }
    }

    /// The keyboard shortcuts, primary first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        use UiCommand::*;
        match self {
            NewProject => &[k!(CMD, N)],
            OpenProject => &[k!(CMD, O)],
            Save => &[k!(CMD, S)],
            SaveAs => &[k!(CMD_SHIFT, S)],
            Import => &[k!(CMD, I)],
            Export => &[k!(CMD, E)],
            CloseProject => &[k!(CMD, W)],
            Quit => &[k!(CMD, Q)],
            Undo => &[k!(CMD, Z)],
            Redo => &[k!(CMD_SHIFT, Z), k!(CMD, Y)],
            DeleteAnnotation => &[k!(NONE, Delete), k!(NONE, Backspace)],
            StartLeft => &[k!(Modifiers::ALT, ArrowLeft)],
            StartRight => &[k!(Modifiers::ALT, ArrowRight)],
            EndLeft => &[k!(ALT_SHIFT, ArrowLeft)],
            EndRight => &[k!(ALT_SHIFT, ArrowRight)],
            Escape => &[k!(NONE, Escape)],
            Find => &[k!(CMD, F)],
            FindNext => &[k!(NONE, F3)],
            FindPrevious => &[k!(Modifiers::SHIFT, F3)],
            SearchProject => &[k!(CMD_SHIFT, F)],
            NextDocument => &[k!(CMD, PageDown)],
            PreviousDocument => &[k!(CMD, PageUp)],
            ZoomIn => &[k!(CMD, Plus), k!(CMD, Equals)],
            ZoomOut => &[k!(CMD, Minus)],
            ZoomReset => &[k!(CMD, Num0)],
            ToggleDocuments => &[k!(CMD_SHIFT, D)],
            ToggleAnnotations => &[k!(CMD_SHIFT, A)],
            CommandPalette => &[k!(CMD_SHIFT, P), k!(CMD, K)],
            ShowKeys => &[k!(NONE, F1)],
            StartLink => &[k!(NONE, L)],
            LinkToSelected => &[k!(NONE, Enter)],
            LinkSaidBy => &[k!(NONE, S)],
            LinkSupports => &[k!(NONE, U)],
            LinkSameAs => &[k!(NONE, M)],
            AddSourceLabel | CarryAnnotations | MergeConflicts => &[],
            RemoveFromCluster => &[k!(CMD_SHIFT, G)],
            ToggleCompare => &[k!(CMD_SHIFT, C)],
            NewClusterFromSelection => &[k!(Modifiers::SHIFT, G)],
            AddToCluster => &[k!(NONE, G)],
            NextDisagreement => &[k!(NONE, N)],
            PreviousDisagreement => &[k!(Modifiers::SHIFT, N)],
            TakeA => &[k!(NONE, A)],
            TakeB => &[k!(NONE, B)],
            CurateAgainstProject | CurateAnnotators | EndCuration | AddPatternFile => &[],
            ReviewSuggestions => &[k!(CMD_SHIFT, R)],
            NextSuggestion => &[k!(NONE, J), k!(NONE, Tab)],
            PreviousSuggestion => &[k!(NONE, K), k!(Modifiers::SHIFT, Tab)],
            AcceptSuggestion => &[k!(NONE, Enter)],
            RejectSuggestion => &[k!(NONE, X), k!(NONE, Backspace)],
            AcceptAllSuggested => &[k!(Modifiers::SHIFT, Enter)],
            AddArticles | ReloadFromDisk | EditDocumentDetails | ReadOutsideArticles
            | ThemeSystem | ThemeLight | ThemeDark | Preferences => &[],
        }
    }

    /// The primary shortcut.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Its menu and keyboard-map heading.
    pub fn group(self) -> Group {
        use UiCommand::*;
        match self {
            NewProject | OpenProject | AddArticles | Save | SaveAs | ReloadFromDisk | Import
            | Export | CloseProject | Quit => Group::File,
            Undo | Redo | DeleteAnnotation | StartLeft | StartRight | EndLeft | EndRight
            | Escape | EditDocumentDetails | ReadOutsideArticles | Preferences | MergeConflicts => {
                Group::Edit
            }
            Find | FindNext | FindPrevious | SearchProject => Group::Find,
            NextDocument | PreviousDocument | ZoomIn | ZoomOut | ZoomReset | ThemeSystem
            | ThemeLight | ThemeDark | ToggleDocuments | ToggleAnnotations => Group::View,
            CommandPalette | ShowKeys => Group::Help,
            StartLink | LinkToSelected | LinkSaidBy | LinkSupports | LinkSameAs
            | AddSourceLabel => Group::Links,
            ToggleCompare
            | NewClusterFromSelection
            | AddToCluster
            | RemoveFromCluster
            | CarryAnnotations => Group::Compare,
            CurateAgainstProject | CurateAnnotators | NextDisagreement | PreviousDisagreement
            | TakeA | TakeB | EndCuration => Group::Curate,
            ReviewSuggestions | NextSuggestion | PreviousSuggestion | AcceptSuggestion
            | RejectSuggestion | AcceptAllSuggested | AddPatternFile => Group::Suggest,
        }
    }

    /// Whether the shortcut works while a text field has the keyboard. Plain keys and
    /// undo belong to the field then; saving, finding and zoom work everywhere.
    pub fn works_in_text_field(self) -> bool {
        use UiCommand::*;
        !matches!(
            self,
            Undo | Redo
                | DeleteAnnotation
                | StartLeft
                | StartRight
                | EndLeft
                | EndRight
                | Escape
                | StartLink
                | LinkToSelected
                | LinkSaidBy
                | LinkSupports
                | LinkSameAs
                | NewClusterFromSelection
                | AddToCluster
                | RemoveFromCluster
                | NextDisagreement
                | PreviousDisagreement
                | TakeA
                | TakeB
                | NextSuggestion
                | PreviousSuggestion
                | AcceptSuggestion
                | RejectSuggestion
                | AcceptAllSuggested
        )
    }

    /// Whether the command belongs to reviewing suggestions (and so only fires while
    /// the review is on: otherwise the keys belong to the view).
    pub fn needs_review(self) -> bool {
        use UiCommand::*;
        matches!(
            self,
            NextSuggestion
                | PreviousSuggestion
                | AcceptSuggestion
                | RejectSuggestion
                | AcceptAllSuggested
        )
    }

    /// Whether the command acts on a curation (and so only fires while one is open:
    /// otherwise the keys belong to the view).
    pub fn needs_curation(self) -> bool {
        use UiCommand::*;
        matches!(
            self,
            NextDisagreement | PreviousDisagreement | TakeA | TakeB | EndCuration
        )
    }

    /// Whether the command acts on the selected annotations (and so only fires when
    /// some are selected: otherwise the keys belong to the view).
    pub fn needs_selected_annotation(self) -> bool {
        use UiCommand::*;
        matches!(
            self,
            DeleteAnnotation
                | StartLeft
                | StartRight
                | EndLeft
                | EndRight
                | StartLink
                | NewClusterFromSelection
                | AddToCluster
                | RemoveFromCluster
        )
    }

    /// The step of making a link in which this command's shortcut works (and only
    /// then); `None` for commands that do not belong to one.
    pub fn link_step(self) -> Option<LinkStep> {
        use UiCommand::*;
        match self {
            LinkToSelected => Some(LinkStep::Target),
            LinkSaidBy | LinkSupports | LinkSameAs => Some(LinkStep::Kind),
            _ => None,
        }
    }

    /// The link kind this command picks, if it picks one.
    pub fn link_kind(self) -> Option<crate::model::LinkKind> {
        use crate::model::LinkKind;
        Some(match self {
            UiCommand::LinkSaidBy => LinkKind::SaidBy,
            UiCommand::LinkSupports => LinkKind::Supports,
            UiCommand::LinkSameAs => LinkKind::SameAs,
            _ => return None,
        })
    }

    /// Whether the command needs an open project (greyed in menus and the palette
    /// otherwise).
    pub fn needs_project(self) -> bool {
        use UiCommand::*;
        !matches!(
            self,
            NewProject
                | OpenProject
                | Quit
                | ZoomIn
                | ZoomOut
                | ZoomReset
                | ThemeSystem
                | ThemeLight
                | ThemeDark
                | Preferences
                | CommandPalette
                | ShowKeys
        )
    }

    /// The nudge this command is, if it is one.
    pub fn nudge(self) -> Option<Nudge> {
        Some(match self {
            UiCommand::StartLeft => Nudge::StartLeft,
            UiCommand::StartRight => Nudge::StartRight,
            UiCommand::EndLeft => Nudge::EndLeft,
            UiCommand::EndRight => Nudge::EndRight,
            _ => return None,
        })
    }

    /// Every command whose shortcut the keyboard listens for, most specific first (so
    /// that Ctrl+Shift+Z is tried before Ctrl+Z, as egui's logical matching requires).
    pub fn by_specificity() -> Vec<UiCommand> {
        let mut all: Vec<UiCommand> = UiCommand::iter()
            .filter(|c| !c.shortcuts().is_empty())
            .collect();
        let weight = |c: &UiCommand| {
            let m = c.shortcuts()[0].modifiers;
            u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl)
        };
        all.sort_by_key(|c| std::cmp::Reverse(weight(c)));
        all
    }
}

/// A request to the app: a [`UiCommand`], or an internal event that carries data.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A command from a menu, the palette or a shortcut.
    Ui(UiCommand),
    /// Open this project file.
    OpenPath(PathBuf),
    /// Add these article files.
    AddPaths(Vec<PathBuf>),
    /// Tag the text selection, or relabel the selected annotations, with the label
    /// bound to this key.
    LabelKey(char),
    /// Show a document.
    SelectDocument(DocId),
    /// Set a document's status.
    SetStatus(DocId, DocStatus),
    /// Replace a document's metadata by an edited copy, as one undoable change.
    UpdateDocument(Box<Document>),
    /// Select an annotation and scroll the article to it.
    SelectAnnotation(AnnotationId),
    /// An annotation was clicked (in the article or the list); `toggle` adds it to the
    /// selection or takes it out (Ctrl or Shift held).
    ClickAnnotation(AnnotationId, bool),
    /// Shift+click in the list: select the annotations from the primary one to this
    /// one, in the list's order (given).
    SelectRange(Vec<AnnotationId>),
    /// The view moved the caret or changed the text selection.
    Select(Selection),
    /// Replace an annotation by an edited copy, as an undoable change with this name.
    UpdateAnnotation(Box<Annotation>, String),
    /// Point a document at its article file, which moved (asks which).
    LocateArticle(DocId),
    /// Add a range of the current document to an annotation (Ctrl+drag).
    AddRange(AnnotationId, std::ops::Range<usize>),
    /// Take the range at this index out of an annotation of several.
    RemoveRange(AnnotationId, usize),
    /// While linking: this annotation is the other end (a click in the article).
    LinkTarget(AnnotationId),
    /// While linking: the link's kind (a key or the kind chooser).
    LinkKind(crate::model::LinkKind),
    /// Delete a link.
    DeleteLink(crate::model::LinkId),
    /// Make a cluster of this name holding these annotations.
    NewCluster(String, Vec<AnnotationId>),
    /// Add these annotations to a cluster.
    JoinCluster(crate::model::ClusterId, Vec<AnnotationId>),
    /// Take these annotations out of a cluster.
    LeaveCluster(crate::model::ClusterId, Vec<AnnotationId>),
    /// Rename a cluster.
    RenameCluster(crate::model::ClusterId, String),
    /// Delete a cluster (its annotations stay).
    DeleteCluster(crate::model::ClusterId),
    /// Copy the comparison's table as Markdown.
    CopyComparison,
    /// Save the comparison's table to a file (asks where).
    SaveComparison,
    /// Show a document with this range selected and in view (the other side of a
    /// shared passage).
    ShowPassage(DocId, std::ops::Range<usize>),
    /// Carry annotations across these shared passages, from the side given.
    CarryPassages(Vec<(crate::reuse::Passage, crate::reuse::carry::Which)>),
    /// While curating: go to this place and show it.
    ShowPlace(crate::ui::curation_view::Place),
    /// While curating: take this side's version of this place.
    TakeVersion(crate::ui::curation_view::Place, crate::curate::Side),
    /// Curate these two annotators of the project.
    CurateNamed(String, String),
}

/// Where making a link is: choosing its other end, or its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkStep {
    /// Choosing the other end: Enter takes the selected annotation.
    Target,
    /// Choosing the kind: a key picks it; other keys are held back.
    Kind,
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Self {
        Command::Ui(c)
    }
}

/// Where keyboard shortcuts may fire this frame.
#[derive(Clone, Copy, Debug)]
pub struct KeyContext {
    /// A text field has the keyboard.
    pub text_field_focused: bool,
    /// Annotations are selected.
    pub annotation_selected: bool,
    /// A project is open.
    pub project_open: bool,
    /// A menu or popup is open (Escape belongs to it).
    pub popup_open: bool,
    /// A link is being made, at this step.
    pub link_step: Option<LinkStep>,
    /// A curation is open.
    pub curating: bool,
    /// Suggestions are being reviewed.
    pub reviewing: bool,
}

/// Takes this frame's shortcut presses out of the input (so no widget sees them too)
/// and turns them into commands. `label_keys` are the keys of the label scheme.
pub fn collect_shortcuts(
    ctx: &egui::Context,
    keys: KeyContext,
    label_keys: &[char],
) -> Vec<Command> {
    let mut out = Vec::new();
    let mut order = UiCommand::by_specificity();
    if keys.reviewing {
        // While reviewing, the review's keys come first: Backspace rejects the
        // suggestion rather than deleting a selected annotation.
        order.sort_by_key(|c| !c.needs_review());
    }
    ctx.input_mut(|i| {
        for cmd in order {
            if keys.text_field_focused && !cmd.works_in_text_field() {
                continue;
            }
            if cmd.needs_selected_annotation() && !keys.annotation_selected {
                continue;
            }
            if cmd.needs_curation() && !keys.curating {
                continue;
            }
            // Making a link takes Enter for its own while it lasts.
            if cmd.needs_review() && (!keys.reviewing || keys.link_step.is_some()) {
                continue;
            }
            if cmd == UiCommand::Escape && keys.popup_open {
                continue;
            }
            // The steps of a link take their own keys; choosing the kind holds back all
            // but those and Escape.
            if cmd.link_step().is_some_and(|s| keys.link_step != Some(s))
                || (keys.link_step == Some(LinkStep::Kind)
                    && cmd.link_step().is_none()
                    && cmd != UiCommand::Escape)
            {
                continue;
            }
            let mut hit = false;
            for sc in cmd.shortcuts() {
                // A project's label on a plain letter wins over a command on it (L, G):
                // the command stays in its menu and the palette.
                if shadowed(cmd, sc, label_keys) {
                    continue;
                }
                hit |= i.consume_shortcut(sc);
            }
            if hit {
                out.push(Command::Ui(cmd));
            }
        }
        if keys.text_field_focused || !keys.project_open || keys.link_step.is_some() {
            return;
        }
        for &k in label_keys {
            if let Some(key) = digit_key(k)
                && i.consume_key(Modifiers::NONE, key)
            {
                out.push(Command::LabelKey(k));
            }
        }
    });
    out
}

/// Whether a project's label on a plain key takes `sc` from `cmd`: a label the user put
/// on L or G wins over the command there, which stays in its menu and the palette. The
/// keys of a link's steps are not a label's while a link is being made.
pub fn shadowed(cmd: UiCommand, sc: &KeyboardShortcut, label_keys: &[char]) -> bool {
    cmd.link_step().is_none()
        && sc.modifiers == Modifiers::NONE
        && label_keys
            .iter()
            .any(|k| digit_key(*k) == Some(sc.logical_key))
}

/// The egui key for a label's key char (digits and letters).
pub fn digit_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

/// A shortcut as the keyboard map writes it, the same on every platform: Ctrl, Alt,
/// Shift, then the key ("Ctrl+Shift+Z").
pub fn written(sc: &KeyboardShortcut) -> String {
    let m = sc.modifiers;
    let mut s = String::new();
    for (on, name) in [
        (m.command || m.ctrl, "Ctrl+"),
        (m.alt, "Alt+"),
        (m.shift, "Shift+"),
    ] {
        if on {
            s.push_str(name);
        }
    }
    s.push_str(match sc.logical_key {
        Key::Equals => "=",
        Key::Plus => "Plus",
        Key::Minus => "Minus",
        key => key.name(),
    });
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No two commands share a shortcut, or one of them could never be reached.
    #[test]
    fn shortcuts_are_unique() {
        // Only the review's keys are shared, with commands that do not fire at the same
        // time: making a link (Enter) holds the review's keys back, and while reviewing
        // the review's come first (Backspace rejects instead of deleting).
        let mut seen: std::collections::HashMap<String, UiCommand> = Default::default();
        for c in UiCommand::iter() {
            for sc in c.shortcuts() {
                if let Some(other) = seen.insert(written(sc), c) {
                    assert!(
                        c.needs_review() != other.needs_review(),
                        "{c:?} and {other:?} share {}",
                        written(sc)
                    );
                }
            }
        }
    }

    /// A label the project put on L takes the key; linking stays in the menus.
    #[test]
    fn a_label_on_a_commands_letter_takes_the_key() {
        let l = UiCommand::StartLink.shortcut().unwrap();
        assert!(!shadowed(UiCommand::StartLink, &l, &['1', '2', '3', '4']));
        assert!(shadowed(UiCommand::StartLink, &l, &['1', 'l']));
        assert!(shadowed(UiCommand::StartLink, &l, &['L']));
        // Ctrl+S is no label's; S while choosing a link's kind is the kind's.
        let save = UiCommand::Save.shortcut().unwrap();
        assert!(!shadowed(UiCommand::Save, &save, &['s']));
        let said = UiCommand::LinkSaidBy.shortcut().unwrap();
        assert!(!shadowed(UiCommand::LinkSaidBy, &said, &['s']));
    }

    /// Ctrl+Shift+Z must be tried before Ctrl+Z, or undo would eat redo.
    #[test]
    fn more_modifiers_are_tried_first() {
        let order = UiCommand::by_specificity();
        let pos = |c| order.iter().position(|x| *x == c).unwrap();
        assert!(pos(UiCommand::Redo) < pos(UiCommand::Undo));
        assert!(pos(UiCommand::SaveAs) < pos(UiCommand::Save));
        assert!(pos(UiCommand::SearchProject) < pos(UiCommand::Find));
        assert!(pos(UiCommand::EndLeft) < pos(UiCommand::StartLeft));
    }
}
