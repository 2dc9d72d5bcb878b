/** A read-only text block the user copies into a message (a report, an explanation), with a Copy button. */
import React, { useRef, useState } from "react";
import { Button, Field, Textarea } from "@fluentui/react-components";
import { useStackStyles } from "./common";

export interface CopyableTextProps {
  label: string;
  text: string;
  rows?: number;
}

export function CopyableText({ label, text, rows = 8 }: CopyableTextProps) {
  const stack = useStackStyles();
  const area = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | undefined>();

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      // Some hosts refuse the clipboard to add-ins: select the text so Ctrl+C copies it.
      area.current?.select();
      setCopied("select");
    }
  }

  return (
    <div className={stack.stack}>
      <Field label={label}>
        <Textarea ref={area} readOnly value={text} rows={rows} resize="vertical" />
      </Field>
      <div className={stack.row}>
        <Button onClick={copy}>Copy</Button>
        <span role="status">
          {copied === "yes" && "Copied."}
          {copied === "select" && "Selected: press Ctrl+C (⌘C on a Mac) to copy."}
        </span>
      </div>
    </div>
  );
}
