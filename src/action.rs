//! Everything a person can do in the explorer, as plain data.

/// Where a cursor key moves the edit field's cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorMove {
    /// One character left.
    Left,
    /// One character right.
    Right,
    /// To the start.
    Home,
    /// To the end.
    End,
}

/// How a scroll key moves a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    /// One line up.
    Up,
    /// One line down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
}

/// One thing to do to the [`App`](crate::app::App). Produced by the keymap (or a test), consumed
/// by `App::update`.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Next tab (wraps).
    NextTab,
    /// Previous tab (wraps).
    PrevTab,
    /// Go to the tab at this index.
    SelectTab(usize),
    /// Select the next element of the input vector.
    SelectNext,
    /// Select the previous element.
    SelectPrev,
    /// Move the selection through the panel's rows: a row, a page, to the first or last.
    SelectRow(Scroll),
    /// Select the element at this index (a mouse click).
    SelectElement(usize),
    /// Add this amount to the selected element.
    Nudge(f64),
    /// Start typing an exact value for the selected element.
    StartEdit,
    /// Start editing the Formula tab's formula.
    EditFormula,
    /// A character typed while editing.
    EditInput(char),
    /// Delete the character before the cursor while editing.
    EditBackspace,
    /// Delete the character under the cursor while editing.
    EditDelete,
    /// Move the edit field's cursor.
    EditCursor(CursorMove),
    /// Clear the whole edit buffer.
    EditClear,
    /// Commit the edit, if it is a valid finite number.
    EditCommit,
    /// Leave edit mode, keeping the old value.
    EditCancel,
    /// Add an element after the selected one (and start editing it).
    AddElement,
    /// Remove the selected element (never the last one).
    RemoveElement,
    /// Text pasted by the terminal (bracketed paste): a whole vector, or text for the edit field.
    Paste(String),
    /// Raise the current tab's parameter (temperature on Softmax, exact/tanh on GELU).
    ParamUp,
    /// Lower the current tab's parameter.
    ParamDown,
    /// Halve the x window around the selected element.
    ZoomIn,
    /// Double the x window around the selected element.
    ZoomOut,
    /// Back to the default x window.
    ResetView,
    /// Show or hide f'(x).
    ToggleDerivative,
    /// Cycle the chart marker: braille, half-block, ASCII.
    CycleMarker,
    /// One layer more in the vanishing-gradient readout (up to 100).
    DepthUp,
    /// One layer fewer (down to 1).
    DepthDown,
    /// Pin the next activation to draw faintly beside the current one.
    CycleCompare,
    /// Unpin it.
    ClearCompare,
    /// Add this amount to every element (softmax does not change).
    ShiftAll(f64),
    /// Choose the next target class for the cross-entropy readout (none after the last).
    CycleTarget,
    /// Show or hide the softmax Jacobian in place of the chart (Softmax tab).
    ToggleJacobian,
    /// Evaluate in the next precision: f64, f32, f16, bf16.
    CyclePrecision,
    /// Choose what `[` and `]` adjust: on the Softmax tab T, top-k, top-p or min-p; on the
    /// Formula tab one of its parameters.
    CycleFocus,
    /// The sampler's next order: hf, llama.cpp, vLLM.
    CycleOrder,
    /// The Softmax panel's next view: softmax, sampler, sparse.
    CyclePanel,
    /// List the elements by probability, or as the vector holds them.
    ToggleSort,
    /// Draw samples from the sampler's final distribution (again: with the next seed).
    Draw,
    /// Forget the draws.
    ClearDraws,
    /// Copy the current view as text, with the command line that reopens it, to the clipboard
    /// (OSC 52, which reaches the local clipboard through SSH and tmux).
    Share,
    /// Open the tab picker.
    OpenPicker,
    /// A character typed into the picker.
    PickerInput(char),
    /// Delete the picker's last character.
    PickerBackspace,
    /// Move the picker's highlight by this many matches (wrapping).
    PickerStep(isize),
    /// Open the highlighted tab.
    PickerChoose,
    /// Close the picker, staying on the tab.
    PickerCancel,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Scroll the help overlay.
    ScrollHelp(Scroll),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Leave the explorer.
    Quit,
    /// Stop the process (Ctrl-Z) with the terminal restored; `fg` brings it back.
    Suspend,
}
