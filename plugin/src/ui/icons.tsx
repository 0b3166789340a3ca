// Small inline icons (no icon library). Icons with a direction (the camera's lens) are mirrored in
// right-to-left layouts so they point the way the text reads.
import type { MeetingType } from "@takeone/calcom-bridge/contract";

const common = {
  width: 16,
  height: 16,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
} as const;

export function CalendarIcon() {
  return (
    <svg aria-hidden="true" {...common}>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}

export function MeetingTypeIcon({ type, dir }: { type: MeetingType; dir: "ltr" | "rtl" }) {
  const mirror = dir === "rtl" ? { transform: "scaleX(-1)" } : undefined;
  if (type === "video")
    return (
      <svg aria-hidden="true" {...common} style={mirror} data-icon="video">
        <rect x="2" y="6" width="14" height="12" rx="2" />
        <path d="M16 10l6-3v10l-6-3z" />
      </svg>
    );
  if (type === "phone")
    return (
      <svg aria-hidden="true" {...common} style={mirror} data-icon="phone">
        <path d="M5 3h4l2 5-3 2a12 12 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A18 18 0 0 1 3 5a2 2 0 0 1 2-2z" />
      </svg>
    );
  return (
    <svg aria-hidden="true" {...common} data-icon="in-person">
      <path d="M12 22s7-7 7-12a7 7 0 0 0-14 0c0 5 7 12 7 12z" />
      <circle cx="12" cy="10" r="2.5" />
    </svg>
  );
}
