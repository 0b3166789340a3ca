// Stand-in for @calcom/ui/components/form (type-checking only): TextField.
import type { FC, InputHTMLAttributes } from "react";

export const TextField: FC<InputHTMLAttributes<HTMLInputElement> & { label?: string; hint?: string }>;
